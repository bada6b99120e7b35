package io.monorail.ws.adapter.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.monorail.ws.domain.port.out.EventFeedException;
import io.monorail.ws.domain.port.out.TopicBinding;
import io.monorail.ws.domain.testing.Await;
import io.monorail.ws.domain.testing.RecordingSink;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the feed does beyond the contract, against the machine's RabbitMQ. */
class RabbitEventFeedFailureIT {
    private static LocalRabbit rabbit;

    private final RecordingSink sink = new RecordingSink();
    private RabbitEventFeed feed;

    @BeforeAll
    static void connect() throws Exception {
        rabbit = LocalRabbit.connectOrSkip();
    }

    @AfterAll
    static void disconnect() throws Exception {
        if (rabbit != null) {
            rabbit.close();
        }
    }

    @BeforeEach
    void startFeed() throws Exception {
        feed = new RabbitEventFeed(LocalRabbit.feedConfig());
        feed.setSink(sink);
        feed.start();
        Await.until(feed::isAvailable, "feed connected");
    }

    @AfterEach
    void stopFeed() {
        feed.stop();
    }

    @ParameterizedTest(name = "existing {0} exchange, durable={1}")
    @CsvSource({"fanout, true", "topic, false"})
    void exchangeWithOtherAttributes_isRejected_andTheFeedKeepsDelivering(
            String type, boolean durable) throws Exception {
        String mismatched = rabbit.track("test.mismatch." + UUID.randomUUID());
        rabbit.declare(mismatched, type, durable);

        Throwable failure = failureOf(new TopicBinding(mismatched, "#"));

        assertThat(failure).isInstanceOf(EventFeedException.class);
        EventFeedException rejected = (EventFeedException) failure;
        assertThat(rejected.reason()).isEqualTo(EventFeedException.Reason.REJECTED);
        assertThat(rejected.getMessage())
                .contains(mismatched, "exists with different attributes")
                .doesNotContain("amqp://", "guest");

        String valid = rabbit.track("test.valid." + UUID.randomUUID());
        bind(new TopicBinding(valid, "ok.#"));
        rabbit.publish(valid, "ok.1", bytes("1"));
        assertThat(sink.next().routingKey()).isEqualTo("ok.1");
        assertThat(feed.isAvailable()).isTrue();
        assertThat(sink.availability()).as("up once, never down").containsExactly(true);
    }

    @Test
    void bindingTwice_thenUnbindingOnce_removesIt() throws Exception {
        String exchange = rabbit.track("test.idempotent." + UUID.randomUUID());
        TopicBinding twice = new TopicBinding(exchange, "twice.#");
        bind(twice);
        bind(twice);
        bind(new TopicBinding(exchange, "marker"));

        feed.unbind(twice).get(Await.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        rabbit.publish(exchange, "twice.1", bytes("1"));
        rabbit.publish(exchange, "marker", bytes("2"));

        assertThat(sink.next().routingKey()).isEqualTo("marker");
    }

    @Test
    void unbindOfABindingNeverMade_completes() throws Exception {
        feed.unbind(new TopicBinding("test.never." + UUID.randomUUID(), "#"))
                .get(Await.WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(feed.isAvailable()).isTrue();
    }

    @Test
    void brokerOwnedExchange_isBoundWithoutRedeclaring() throws Exception {
        String key = "monorail.test." + UUID.randomUUID();
        bind(new TopicBinding("amq.topic", key));

        rabbit.publishOnly("amq.topic", key, bytes("1"));

        assertThat(sink.next().exchange()).isEqualTo("amq.topic");
    }

    private void bind(TopicBinding binding) throws Exception {
        feed.bind(binding).get(Await.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Throwable failureOf(TopicBinding binding) {
        Throwable thrown =
                catchThrowable(
                        () -> feed.bind(binding).get(Await.WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertThat(thrown).isInstanceOf(ExecutionException.class);
        return thrown.getCause();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

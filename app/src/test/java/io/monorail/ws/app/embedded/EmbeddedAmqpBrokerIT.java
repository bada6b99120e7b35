package io.monorail.ws.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.BuiltinExchangeType;
import io.monorail.ws.adapter.rabbitmq.RabbitEventFeed;
import io.monorail.ws.adapter.rabbitmq.RabbitFeedConfig;
import io.monorail.ws.domain.port.out.EventFeed;
import io.monorail.ws.domain.port.out.EventFeedContract;
import io.monorail.ws.domain.port.out.EventFeedException;
import io.monorail.ws.domain.port.out.EventSink;
import io.monorail.ws.domain.port.out.TopicBinding;
import io.monorail.ws.domain.testing.Await;
import io.monorail.ws.domain.testing.RecordingSink;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The embedded Qpid broker, and the RabbitMQ event feed running on it. */
class EmbeddedAmqpBrokerIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final EmbeddedAmqpBroker shared = new EmbeddedAmqpBroker();

    @BeforeAll
    static void startShared() {
        shared.start(0);
    }

    @AfterAll
    static void stopShared() {
        shared.stop();
    }

    @Test
    void portZero_listensOnAFreeLoopbackPort_forGuest() throws Exception {
        int port = shared.port();

        assertThat(port).isPositive();
        assertThat(shared.amqpUri()).isEqualTo(URI.create("amqp://guest:guest@127.0.0.1:" + port));
        try (AmqpPublisher client = new AmqpPublisher(shared.amqpUri())) {
            assertThat(client.connection().isOpen()).isTrue();
        }
    }

    @Test
    void portInUse_failsNamingThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            EmbeddedAmqpBroker broker = new EmbeddedAmqpBroker();

            assertThatThrownBy(() -> broker.start(port))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("AMQP port " + port + " on 127.0.0.1 is already in use");
            assertThatThrownBy(broker::port).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void stop_deletesTheWorkDirectory_andNothingLandsInTheCurrentDirectory() {
        EmbeddedAmqpBroker broker = new EmbeddedAmqpBroker();
        broker.start(0);
        Path workDir = broker.workDir();
        assertThat(workDir).isDirectory();

        broker.stop();

        assertThat(workDir).doesNotExist();
        assertThat(Path.of(System.getProperty("user.dir"), "work")).doesNotExist();
    }

    @Test
    void feedRecovers_afterTheBrokerRestartsOnTheSamePort_withItsBindings() throws Exception {
        EmbeddedAmqpBroker broker = new EmbeddedAmqpBroker();
        broker.start(0);
        int port = broker.port();
        RecordingSink sink = new RecordingSink();
        RabbitEventFeed feed = startFeed(broker.amqpUri(), sink);
        try {
            String exchange = "on.events." + UUID.randomUUID();
            feed.bind(new TopicBinding(exchange, "graph.#"))
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

            broker.stop();
            Await.until(() -> !feed.isAvailable(), "feed noticed the broker is gone");
            broker.start(port);
            Await.until(feed::isAvailable, "feed reconnected");

            try (AmqpPublisher publisher = new AmqpPublisher(broker.amqpUri())) {
                publisher.publish(exchange, "graph.finished.g1", bytes("{}"));
            }
            assertThat(sink.next().routingKey()).isEqualTo("graph.finished.g1");
            Await.until(() -> sink.availability().size() == 3, "three availability changes");
            assertThat(sink.availability()).containsExactly(true, false, true);
        } finally {
            feed.stop();
            broker.stop();
        }
    }

    @Test
    void exchangeOfAnotherType_isRejected_andTheFeedStaysConnected() throws Exception {
        // Qpid answers this with a connection close (530), where RabbitMQ closes only a channel.
        RecordingSink sink = new RecordingSink();
        RabbitEventFeed feed = startFeed(shared.amqpUri(), sink);
        try (AmqpPublisher publisher = new AmqpPublisher(shared.amqpUri())) {
            String fanout = "test.mismatch." + UUID.randomUUID();
            publisher.declare(fanout, BuiltinExchangeType.FANOUT);

            Throwable failure =
                    org.assertj.core.api.Assertions.catchThrowable(
                            () ->
                                    feed.bind(new TopicBinding(fanout, "#"))
                                            .get(WAIT.toMillis(), TimeUnit.MILLISECONDS));

            assertThat(failure).isInstanceOf(ExecutionException.class);
            assertThat(failure.getCause()).isInstanceOf(EventFeedException.class);
            assertThat(((EventFeedException) failure.getCause()).reason())
                    .isEqualTo(EventFeedException.Reason.REJECTED);
            String valid = "test.valid." + UUID.randomUUID();
            feed.bind(new TopicBinding(valid, "#")).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            publisher.publish(valid, "after", bytes("1"));
            assertThat(sink.next().routingKey()).isEqualTo("after");
            assertThat(sink.availability()).containsExactly(true);
        } finally {
            feed.stop();
        }
    }

    /** The event feed contract, on the embedded broker. */
    @Nested
    class FeedContract extends EventFeedContract {
        private AmqpPublisher publisher;

        @Override
        protected EventFeed createFeed() throws Exception {
            publisher = new AmqpPublisher(shared.amqpUri());
            RabbitEventFeed feed = new RabbitEventFeed(feedConfig(shared.amqpUri()));
            feed.start();
            Await.until(feed::isAvailable, "feed connected");
            return feed;
        }

        @Override
        protected void publish(String exchange, String routingKey, byte[] body) throws Exception {
            publisher.publish(exchange, routingKey, body);
        }

        @Override
        protected void dispose(EventFeed feed) throws Exception {
            ((RabbitEventFeed) feed).stop();
            publisher.close();
        }
    }

    private static RabbitFeedConfig feedConfig(URI uri) {
        return new RabbitFeedConfig(
                uri, Duration.ofMillis(50), Duration.ofMillis(500), 256, "monorail-ws-it");
    }

    private static RabbitEventFeed startFeed(URI uri, EventSink sink) throws Exception {
        RabbitEventFeed feed = new RabbitEventFeed(feedConfig(uri));
        feed.setSink(sink);
        feed.start();
        Await.until(feed::isAvailable, "feed connected");
        return feed;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

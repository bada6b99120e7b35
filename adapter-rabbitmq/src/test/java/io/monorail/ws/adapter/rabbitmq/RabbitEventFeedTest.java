package io.monorail.ws.adapter.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.monorail.ws.domain.port.out.EventFeedException;
import io.monorail.ws.domain.port.out.TopicBinding;
import io.monorail.ws.domain.testing.Await;
import io.monorail.ws.domain.testing.RecordingSink;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The feed without a broker: nothing listens on port 1. */
class RabbitEventFeedTest {
    private static final URI NOWHERE = URI.create("amqp://guest:s3cret@127.0.0.1:1");

    private final Logger log = (Logger) LoggerFactory.getLogger(RabbitEventFeed.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final RecordingSink sink = new RecordingSink();
    private RabbitEventFeed feed;

    @BeforeEach
    void startFeed() {
        logged.start();
        log.addAppender(logged);
        feed =
                new RabbitEventFeed(
                        new RabbitFeedConfig(
                                NOWHERE, Duration.ofMillis(10), Duration.ofMillis(50), 16, "t"));
        feed.setSink(sink);
        feed.start();
    }

    @AfterEach
    void stopFeed() {
        feed.stop();
        log.detachAppender(logged);
    }

    @Test
    void unreachableBroker_feedIsUnavailable_andBindFailsFast() throws Exception {
        CompletableFuture<Void> bound = feed.bind(new TopicBinding("on.events", "graph.#"));

        assertThat(feed.isAvailable()).isFalse();
        assertThat(bound).isCompletedExceptionally();
        Throwable failure = catchThrowable(bound::get);
        assertThat(failure).isInstanceOf(ExecutionException.class);
        assertThat(failure.getCause())
                .isInstanceOf(EventFeedException.class)
                .hasMessage("message bus unavailable");
        assertThat(((EventFeedException) failure.getCause()).reason())
                .isEqualTo(EventFeedException.Reason.UNAVAILABLE);
    }

    @Test
    void unreachableBroker_retriesWithOneMaskedWarningPerAttempt() throws Exception {
        Await.until(() -> warnings().size() >= 3, "three failed attempts logged");

        for (ILoggingEvent warning : warnings()) {
            assertThat(warning.getFormattedMessage())
                    .contains("amqp://guest:***@127.0.0.1:1", "attempt", "retrying in")
                    .doesNotContain("s3cret");
            assertThat(warning.getThrowableProxy()).as("no stack trace").isNull();
        }
        assertThat(sink.availability()).as("never up, so never down").isEmpty();
    }

    @Test
    void unbindWhileDisconnected_completes() throws Exception {
        feed.unbind(new TopicBinding("on.events", "graph.#")).get(10, TimeUnit.SECONDS);
    }

    @Test
    void stop_endsTheRetries() throws Exception {
        feed.stop();
        Await.until(
                () ->
                        Thread.getAllStackTraces().keySet().stream()
                                .noneMatch(t -> t.getName().equals("monorail-rabbit-topology")),
                "the topology thread ended");

        assertThat(feed.bind(new TopicBinding("on.events", "#"))).isCompletedExceptionally();
    }

    @Test
    void queueMode_doesNotResumeAfterAnOutage() {
        assertThat(feed.resumesAfterOutage()).isFalse();
    }

    @Test
    void streamMode_resumesAfterAnOutage_andBindFailsFastWhileDisconnected() {
        RabbitEventFeed streaming =
                new RabbitEventFeed(
                        new RabbitFeedConfig(
                                        NOWHERE,
                                        Duration.ofMillis(10),
                                        Duration.ofMillis(50),
                                        16,
                                        "t")
                                .withStreamMode(
                                        new RabbitFeedConfig.StreamMode(
                                                "monorail.events",
                                                Set.of("on.events"),
                                                Duration.ofMinutes(5),
                                                1 << 20)));
        streaming.setSink(sink);
        streaming.start();
        try {
            assertThat(streaming.resumesAfterOutage()).isTrue();
            Throwable failure =
                    catchThrowable(() -> streaming.bind(new TopicBinding("on.events", "#")).get());
            assertThat(failure.getCause()).isInstanceOf(EventFeedException.class);
            assertThat(((EventFeedException) failure.getCause()).reason())
                    .isEqualTo(EventFeedException.Reason.UNAVAILABLE);
            assertThat(streaming.unbind(new TopicBinding("on.events", "#"))).isCompleted();
        } finally {
            streaming.stop();
        }
    }

    private List<ILoggingEvent> warnings() {
        return logged.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
    }
}

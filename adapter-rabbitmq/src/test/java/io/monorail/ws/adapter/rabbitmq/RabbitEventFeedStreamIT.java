package io.monorail.ws.adapter.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.monorail.ws.adapter.rabbitmq.RabbitFeedConfig.StreamMode;
import io.monorail.ws.domain.port.out.BusEvent;
import io.monorail.ws.domain.port.out.EventFeedException;
import io.monorail.ws.domain.port.out.EventSink;
import io.monorail.ws.domain.port.out.TopicBinding;
import io.monorail.ws.domain.testing.Await;
import io.monorail.ws.domain.testing.TcpProxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The feed in stream mode (cluster mode, ADR 13), against the machine's RabbitMQ. */
class RabbitEventFeedStreamIT {
    private static final Duration RETENTION = Duration.ofMinutes(5);
    private static final long LARGE = 100_000_000;

    private static LocalRabbit rabbit;

    // Unique per test: the stream and exchanges outlive a feed, and other people share the broker.
    private final String stream = "test.stream." + UUID.randomUUID();
    private final String exchange = "test.stream.events." + UUID.randomUUID();
    private final List<RabbitEventFeed> feeds = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

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

    @AfterEach
    void cleanUp() throws Exception {
        feeds.forEach(RabbitEventFeed::stop);
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        rabbit.deleteQueue(stream);
    }

    @Test
    void twoFeedsOnOneStream_receiveTheSameEvents_withTheSameOffsets_inTheSameOrder()
            throws Exception {
        rabbit.declare(exchange, "topic", true);
        StreamSink first = new StreamSink();
        StreamSink second = new StreamSink();
        RabbitFeedConfig config = streamConfig(LocalRabbit.feedConfig(), Set.of(exchange), LARGE);
        startConnected(config, first);
        startConnected(config, second);

        for (int i = 0; i < 20; i++) {
            rabbit.publish(exchange, "graph.started." + i, bytes(i));
        }
        Await.until(() -> first.events().size() == 20, "20 events on the first feed");
        Await.until(() -> second.events().size() == 20, "20 events on the second feed");

        assertThat(bodies(first)).isEqualTo(sequence(0, 20));
        assertThat(offsets(second)).isEqualTo(offsets(first));
        assertThat(bodies(second)).isEqualTo(bodies(first));
        assertThat(offsets(first)).isSorted().doesNotHaveDuplicates().doesNotContain(-1L);
        BusEvent one = first.events().get(3);
        assertThat(one.exchange()).isEqualTo(exchange);
        assertThat(one.routingKey()).isEqualTo("graph.started.3");
    }

    @Test
    void aFeedStartedAfterAnotherStopped_readsTheStreamFromItsFirstEvent() throws Exception {
        rabbit.declare(exchange, "topic", true);
        RabbitFeedConfig config = streamConfig(LocalRabbit.feedConfig(), Set.of(exchange), LARGE);
        StreamSink early = new StreamSink();
        RabbitEventFeed earlyFeed = startConnected(config, early);
        for (int i = 0; i < 5; i++) {
            rabbit.publish(exchange, "graph.started", bytes(i));
        }
        Await.until(() -> early.events().size() == 5, "5 events on the early feed");
        earlyFeed.stop();

        StreamSink late = new StreamSink();
        startConnected(config, late);

        Await.until(() -> late.events().size() == 5, "the 5 events, on a feed started later");
        assertThat(bodies(late)).isEqualTo(sequence(0, 5));
        assertThat(offsets(late)).as("the stream outlived the feed").isEqualTo(offsets(early));
    }

    @Test
    void aFeedStartingOnAStreamWithHistory_isAvailableOnlyAfterItHandedTheHistoryOver()
            throws Exception {
        rabbit.declare(exchange, "topic", true);
        RabbitFeedConfig config = streamConfig(LocalRabbit.feedConfig(), Set.of(exchange), LARGE);
        StreamSink early = new StreamSink();
        startConnected(config, early);
        for (int i = 0; i < 300; i++) {
            rabbit.publish(exchange, "old." + i, bytes(i));
        }
        Await.until(() -> early.events().size() == 300, "300 events on the early feed");

        StreamSink late = new StreamSink();
        startConnected(config, late);

        // A watch is accepted only while the feed is available: none can get old events as news.
        assertThat(late.eventsWhenAvailable.get()).as("available after the history").isEqualTo(300);
        // Both feeds' markers reached the late one, on the default exchange, with their offsets.
        assertThat(late.markers).hasSize(2).allMatch(marker -> marker.routingKey().equals(stream));
        assertThat(late.markers.get(1).offset()).isGreaterThan(late.events().get(299).offset());
    }

    @Test
    void afterTheConnectionDrops_theFeedResumesWithNothingLostNorRepeated() throws Exception {
        rabbit.declare(exchange, "topic", true);
        TcpProxy proxy = proxy();
        StreamSink sink = new StreamSink();
        RabbitEventFeed feed =
                startConnected(streamConfig(proxied(proxy), Set.of(exchange), LARGE), sink);
        Publisher publisher = new Publisher(exchange);
        closeables.add(publisher);

        Await.until(() -> sink.events().size() >= 50, "some events before the outage");
        proxy.cut();
        Await.until(() -> !feed.isAvailable(), "the feed noticed the outage");
        int atCut = publisher.published();
        Await.until(() -> publisher.published() >= atCut + 100, "events published meanwhile");
        proxy.restore();
        Await.until(feed::isAvailable, "the feed reconnected");
        int atRestore = publisher.published();
        Await.until(() -> sink.events().size() >= atRestore + 20, "events after the outage");
        int total = publisher.stop();

        Await.until(() -> sink.events().size() >= total, "every published event");
        assertThat(bodies(sink)).isEqualTo(sequence(0, total));
        assertThat(offsets(sink)).isSorted().doesNotHaveDuplicates();
        assertThat(sink.losses()).isEmpty();
        assertThat(sink.availability()).containsExactly(true, false, true);
        assertThat(feed.resumesAfterOutage()).isTrue();
    }

    @Test
    void aStreamTruncatedBeyondWhereTheFeedWas_isReportedAsALoss_onceAndInOrder() throws Exception {
        rabbit.declare(exchange, "topic", true);
        TcpProxy proxy = proxy();
        StreamSink sink = new StreamSink();
        // Tiny segments, tiny size: retention drops what the feed had not read within a few KB.
        RabbitFeedConfig config =
                proxied(proxy)
                        .withStreamMode(
                                new StreamMode(stream, Set.of(exchange), RETENTION, 4_000, 1_000));
        RabbitEventFeed feed = startConnected(config, sink);
        for (int i = 0; i < 3; i++) {
            rabbit.publish(exchange, "before", bytes(i));
        }
        Await.until(() -> sink.events().size() == 3, "3 events before the outage");
        long last = sink.events().get(2).offset();

        proxy.cut();
        Await.until(() -> !feed.isAvailable(), "the feed noticed the outage");
        byte[] filler = new byte[200];
        Await.until(
                () -> {
                    for (int i = 0; i < 20; i++) {
                        rabbit.publish(exchange, "during", filler);
                    }
                    OptionalLong first = rabbit.firstOffsetOf(stream, Duration.ofMillis(500));
                    return first.isPresent() && first.getAsLong() > last + 1;
                },
                "retention dropped the events after offset " + last);
        proxy.restore();
        Await.until(feed::isAvailable, "the feed reconnected");
        rabbit.publish(exchange, "after", bytes(0));

        Await.until(
                () -> sink.events().stream().anyMatch(e -> e.routingKey().equals("after")),
                "the event published after the outage");
        assertThat(sink.losses()).hasSize(1);
        assertThat(sink.losses().get(0)).contains(stream, "offset " + last);
        List<String> order = sink.order();
        int loss = order.indexOf("lost");
        assertThat(order.subList(0, loss)).containsExactly("before", "before", "before");
        assertThat(order.subList(loss + 1, order.size())).isNotEmpty().doesNotContain("before");
        List<Long> offsets = offsets(sink);
        assertThat(offsets).isSorted().doesNotHaveDuplicates();
        assertThat(offsets.get(3)).isGreaterThan(last + 1);
    }

    @Test
    void bindToAnExchangeTheStreamIsNotBoundTo_isRejected() throws Exception {
        rabbit.declare(exchange, "topic", true);
        RabbitEventFeed feed =
                startConnected(
                        streamConfig(LocalRabbit.feedConfig(), Set.of(exchange), LARGE),
                        new StreamSink());

        Throwable failure =
                failureOf(
                        feed.bind(new TopicBinding("test.stream.other." + UUID.randomUUID(), "#")));

        assertThat(failure).isInstanceOf(EventFeedException.class);
        assertThat(((EventFeedException) failure).reason())
                .isEqualTo(EventFeedException.Reason.REJECTED);
        assertThat(failure.getMessage())
                .contains("is not among the exchanges the cluster stream is bound to: " + exchange);
    }

    @Test
    void bindAndUnbindOnABoundExchange_completeAtOnce_andChangeNothing() throws Exception {
        rabbit.declare(exchange, "topic", true);
        StreamSink sink = new StreamSink();
        RabbitEventFeed feed =
                startConnected(
                        streamConfig(LocalRabbit.feedConfig(), Set.of(exchange), LARGE), sink);
        TopicBinding binding = new TopicBinding(exchange, "graph.#");

        CompletableFuture<Void> bound = feed.bind(binding);
        CompletableFuture<Void> unbound = feed.unbind(binding);

        assertThat(bound).isCompleted();
        assertThat(unbound).isCompleted();
        rabbit.publish(exchange, "node.discovered", bytes(1));
        Await.until(() -> sink.events().size() == 1, "an event of any key, binding or not");
    }

    @Test
    void configuredExchanges_areDeclaredAsRackHdDoes_andOneWithOtherAttributesIsRefused()
            throws Exception {
        Logger log = (Logger) LoggerFactory.getLogger(RabbitEventFeed.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        log.addAppender(logged);
        String missing = rabbit.track("test.stream.missing." + UUID.randomUUID());
        String fanout = rabbit.track("test.stream.fanout." + UUID.randomUUID());
        rabbit.declare(fanout, "fanout", true);
        StreamSink sink = new StreamSink();
        RabbitEventFeed feed;
        try {
            feed =
                    startConnected(
                            streamConfig(LocalRabbit.feedConfig(), Set.of(missing, fanout), LARGE),
                            sink);
        } finally {
            log.detachAppender(logged);
        }
        assertThat(logged.list)
                .anySatisfy(
                        e -> {
                            assertThat(e.getLevel()).isEqualTo(Level.WARN);
                            assertThat(e.getFormattedMessage())
                                    .contains(fanout, "different attributes");
                        });

        // The missing one was declared (topic, durable) and bound at connect.
        assertThat(feed.bind(new TopicBinding(missing, "graph.#"))).isCompleted();
        rabbit.publish(missing, "graph.started", bytes(1));
        Await.until(() -> sink.events().size() == 1, "an event of the declared exchange");
        assertThat(sink.events().get(0).exchange()).isEqualTo(missing);
        // The fanout one: refused, as a watch of it is in queue mode.
        Throwable refused = failureOf(feed.bind(new TopicBinding(fanout, "graph.#")));
        assertThat(refused).isInstanceOf(EventFeedException.class);
        assertThat(((EventFeedException) refused).reason())
                .isEqualTo(EventFeedException.Reason.REJECTED);
    }

    private RabbitFeedConfig streamConfig(
            RabbitFeedConfig base, Set<String> exchanges, long maxLengthBytes) {
        return base.withStreamMode(new StreamMode(stream, exchanges, RETENTION, maxLengthBytes));
    }

    private RabbitEventFeed startConnected(RabbitFeedConfig config, EventSink sink)
            throws Exception {
        RabbitEventFeed feed = new RabbitEventFeed(config);
        feeds.add(feed);
        feed.setSink(sink);
        feed.start();
        Await.until(feed::isAvailable, "feed connected");
        return feed;
    }

    private TcpProxy proxy() {
        TcpProxy proxy = new TcpProxy(LocalRabbit.AMQP_URI.getPort());
        closeables.add(proxy);
        return proxy;
    }

    private static RabbitFeedConfig proxied(TcpProxy proxy) {
        RabbitFeedConfig config = LocalRabbit.feedConfig();
        return new RabbitFeedConfig(
                URI.create("amqp://guest:guest@127.0.0.1:" + proxy.port()),
                config.initialBackoff(),
                config.maxBackoff(),
                config.prefetch(),
                config.connectionName());
    }

    private static Throwable failureOf(CompletableFuture<Void> future) {
        Throwable thrown =
                catchThrowable(() -> future.get(Await.WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertThat(thrown).isInstanceOf(ExecutionException.class);
        return thrown.getCause();
    }

    private static byte[] bytes(int i) {
        return Integer.toString(i).getBytes(StandardCharsets.UTF_8);
    }

    private static List<Integer> bodies(StreamSink sink) {
        return sink.events().stream()
                .map(e -> Integer.parseInt(new String(e.body(), StandardCharsets.UTF_8)))
                .toList();
    }

    private static List<Long> offsets(StreamSink sink) {
        return sink.events().stream().map(BusEvent::offset).toList();
    }

    private static List<Integer> sequence(int from, int to) {
        List<Integer> sequence = new ArrayList<>();
        for (int i = from; i < to; i++) {
            sequence.add(i);
        }
        return sequence;
    }

    /** Keeps events, losses and availability changes, and the order events and losses came in. */
    private static final class StreamSink implements EventSink {
        private final List<BusEvent> events = new CopyOnWriteArrayList<>();
        private final List<String> losses = new CopyOnWriteArrayList<>();
        private final List<Boolean> availability = new CopyOnWriteArrayList<>();
        private final List<String> order = new CopyOnWriteArrayList<>();
        private final List<BusEvent> markers = new CopyOnWriteArrayList<>();
        // How many events it had when it first heard the feed is available, or -1.
        private final java.util.concurrent.atomic.AtomicInteger eventsWhenAvailable =
                new java.util.concurrent.atomic.AtomicInteger(-1);

        @Override
        public void onEvent(BusEvent event) {
            if (event.exchange().isEmpty()) {
                markers.add(event);
                return; // a feed's start marker: kept apart from the events
            }
            events.add(event);
            order.add(event.routingKey());
        }

        @Override
        public void onAvailability(boolean available) {
            availability.add(available);
            if (available) {
                eventsWhenAvailable.compareAndSet(-1, events.size());
            }
        }

        @Override
        public void onEventsLost(String description) {
            losses.add(description);
            order.add("lost");
        }

        List<BusEvent> events() {
            return List.copyOf(events);
        }

        List<String> losses() {
            return List.copyOf(losses);
        }

        List<Boolean> availability() {
            return List.copyOf(availability);
        }

        /** Routing keys of events, and {@code lost} for each loss, as they came. */
        List<String> order() {
            return List.copyOf(order);
        }
    }

    /**
     * Publishes 0, 1, 2, ... to an exchange on a connection of its own, straight to the broker,
     * until stopped; a publisher confirm for each one makes the count exact.
     */
    private static final class Publisher implements AutoCloseable {
        private final Connection connection;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger published = new AtomicInteger();
        private final Thread thread;
        private volatile Exception failure;

        Publisher(String exchange) throws Exception {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(LocalRabbit.AMQP_URI);
            connection = factory.newConnection("monorail-ws-it-stream-publisher");
            Channel channel = connection.createChannel();
            channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true, false, null);
            channel.confirmSelect();
            thread =
                    new Thread(
                            () -> {
                                try {
                                    while (running.get()) {
                                        int next = published.get();
                                        channel.basicPublish(
                                                exchange, "graph.step", null, bytes(next));
                                        channel.waitForConfirmsOrDie(Await.WAIT.toMillis());
                                        published.incrementAndGet();
                                    }
                                } catch (Exception e) {
                                    failure = e;
                                }
                            },
                            "stream-it-publisher");
            thread.start();
        }

        /** How many were published and confirmed so far. */
        int published() {
            if (failure != null) {
                throw new AssertionError("the publisher failed", failure);
            }
            return published.get();
        }

        /** Stops publishing; returns how many were published and confirmed. */
        int stop() throws InterruptedException {
            running.set(false);
            thread.join(Await.WAIT.toMillis());
            return published();
        }

        @Override
        public void close() throws Exception {
            stop();
            connection.close();
        }
    }
}

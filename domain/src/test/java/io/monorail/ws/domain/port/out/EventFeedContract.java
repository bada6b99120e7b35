package io.monorail.ws.domain.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import io.monorail.ws.domain.testing.Await;
import io.monorail.ws.domain.testing.RecordingSink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EventFeed} does, checked against the in-memory fake and each real adapter.
 * Subclasses provide the feed and a way to publish to the bus behind it.
 */
public abstract class EventFeedContract {
    /** How long to wait for something that should happen. */
    protected static final Duration WAIT = Await.WAIT;

    /**
     * Absence is proven without waiting: a marker published after the unwanted message arrives
     * first in its place, since one queue delivers in order.
     */
    private final RecordingSink received = new RecordingSink(WAIT);

    private EventFeed feed;
    private String exchange;
    // Makes this test's ids its own, on a bus or store other tests share.
    private final String run = "-" + UUID.randomUUID().toString().substring(0, 8);

    /** A started feed. */
    protected abstract EventFeed createFeed() throws Exception;

    /** Publishes to the bus the feed reads from (declaring the exchange as RackHD does). */
    protected abstract void publish(String exchange, String routingKey, byte[] body)
            throws Exception;

    /** Stops the feed and anything created for it. */
    protected abstract void dispose(EventFeed feed) throws Exception;

    /** An exchange name no other test uses; feeds declare it on bind. */
    protected String uniqueExchange() {
        return "test.contract." + UUID.randomUUID();
    }

    @BeforeEach
    void setUpFeed() throws Exception {
        feed = createFeed();
        feed.setSink(received);
        exchange = uniqueExchange();
    }

    @AfterEach
    void tearDownFeed() throws Exception {
        dispose(feed);
    }

    /**
     * The first word of the keys this feed produces: a topic on a bus, a collection for a feed of
     * document changes. {@code second} gives another one.
     */
    protected String topic(boolean second) {
        return second ? "other" : "graph";
    }

    /** The middle word of the keys this feed produces (an action, or the change's event). */
    protected String action() {
        return "started";
    }

    /** Whether the feed delivers bodies byte for byte (a bus) or renders its own (a store). */
    protected boolean carriesRawBodies() {
        return true;
    }

    /** Whether the feed serves any exchange (a bus) or only the one it was made for. */
    protected boolean servesAnyExchange() {
        return true;
    }

    /** A key the feed produces: {@code <topic>.<action>.<id>}, the id unique to this test. */
    private String key(boolean secondTopic, String id) {
        return topic(secondTopic) + "." + action() + "." + id + run;
    }

    @Test
    void boundKey_isDeliveredWithExchangeKeyAndBody() throws Exception {
        bind(new TopicBinding(exchange, topic(false) + ".#"));

        publish(exchange, key(false, "g1"), bytes("{\"graphId\":\"g1\"}"));

        BusEvent event = next();
        assertThat(event.exchange()).isEqualTo(exchange);
        assertThat(event.routingKey()).isEqualTo(key(false, "g1"));
        if (carriesRawBodies()) {
            assertThat(new String(event.body(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"graphId\":\"g1\"}");
        } else {
            assertThat(new String(event.body(), StandardCharsets.UTF_8)).contains("g1");
        }
    }

    @Test
    void keyThatMatchesNoBinding_isNotDelivered() throws Exception {
        bind(new TopicBinding(exchange, topic(false) + ".*.marker" + run));

        publish(exchange, key(false, "g1"), bytes("{\"n\":1}"));
        publish(exchange, key(false, "marker"), bytes("{\"n\":2}"));

        assertThat(next().routingKey()).isEqualTo(key(false, "marker"));
    }

    @Test
    void messageMatchingTwoBindings_isDeliveredOnce() throws Exception {
        bind(new TopicBinding(exchange, topic(false) + ".#"));
        bind(new TopicBinding(exchange, topic(false) + ".*.both" + run));

        publish(exchange, key(false, "both"), bytes("{\"n\":1}"));
        publish(exchange, key(false, "marker"), bytes("{\"n\":2}"));

        assertThat(next().routingKey()).isEqualTo(key(false, "both"));
        assertThat(next().routingKey()).isEqualTo(key(false, "marker"));
    }

    @Test
    void afterUnbind_nothingMoreIsDelivered() throws Exception {
        TopicBinding temporary = new TopicBinding(exchange, topic(true) + ".#");
        bind(temporary);
        bind(new TopicBinding(exchange, topic(false) + ".*.marker" + run));
        publish(exchange, key(true, "one"), bytes("{\"n\":1}"));
        assertThat(next().routingKey()).isEqualTo(key(true, "one"));

        feed.unbind(temporary).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        publish(exchange, key(true, "two"), bytes("{\"n\":2}"));
        publish(exchange, key(false, "marker"), bytes("{\"n\":3}"));

        assertThat(next().routingKey()).isEqualTo(key(false, "marker"));
    }

    @Test
    void bindingOnOneExchange_ignoresAnotherExchange() throws Exception {
        Assumptions.assumeTrue(servesAnyExchange(), "this feed serves one exchange only");
        String other = uniqueExchange();
        bind(new TopicBinding(exchange, "#"));
        bind(new TopicBinding(other, "only.marker"));

        publish(other, "x", bytes("1"));
        publish(other, "only.marker", bytes("2"));

        BusEvent event = next();
        assertThat(event.exchange()).isEqualTo(other);
        assertThat(event.routingKey()).isEqualTo("only.marker");
    }

    @Test
    void bodyBytesThatAreNotJson_arriveUnchanged() throws Exception {
        Assumptions.assumeTrue(carriesRawBodies(), "this feed renders its own bodies");
        bind(new TopicBinding(exchange, "#"));
        byte[] body = {0, (byte) 0xff, 'h', 'i'};

        publish(exchange, "raw", body);

        assertThat(next().body()).containsExactly(body);
    }

    @Test
    void connectedFeed_isAvailable() {
        assertThat(feed.isAvailable()).isTrue();
    }

    protected void bind(TopicBinding binding) throws Exception {
        feed.bind(binding).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    protected EventFeed feed() {
        return feed;
    }

    private BusEvent next() throws InterruptedException {
        return received.next();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

package io.monorail.ws.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.monorail.ws.domain.auth.GatewaySecurity;
import io.monorail.ws.domain.catalog.ResourceCatalog;
import io.monorail.ws.domain.fake.InMemoryEventFeed;
import io.monorail.ws.domain.fake.InMemoryResourceStore;
import io.monorail.ws.domain.fake.ManualClock;
import io.monorail.ws.domain.fake.RecordingClientConnection;
import io.monorail.ws.domain.filter.FilterLimits;
import io.monorail.ws.domain.port.out.BusEvent;
import io.monorail.ws.domain.session.InMemorySessionStore;
import io.monorail.ws.protocol.Message;
import io.monorail.ws.protocol.MessageCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Events that arrive together reach each client in one write, in order. */
class BurstDeliveryTest {
    private static final String WATCH =
            "{\"handler\":\"watch\",\"type\":\"mq\",\"params\":{\"exchange\":\"on.test\",\"routingKey\":\"b.#\"}}";

    private final MessageCodec codec = new MessageCodec();
    private final InMemoryEventFeed feed = new InMemoryEventFeed();
    private final Gateway gateway =
            new Gateway(
                    ResourceCatalog.defaults(FilterLimits.defaults()),
                    new GatewayPorts(
                            feed,
                            new InMemoryResourceStore(),
                            new InMemorySessionStore(),
                            new ManualClock(0)),
                    GatewayLimits.defaults(),
                    GatewaySecurity.open(),
                    Runnable::run);

    @Test
    void aBurst_isOneFlushPerClient_withEveryEventInOrder() {
        Client first = connect();
        Client second = connect();
        first.send(WATCH);
        second.send(WATCH);
        int before = first.connection.flushes();

        gateway.onEvents(events(5));

        for (Client client : List.of(first, second)) {
            assertThat(client.connection.flushes() - before).isEqualTo(1);
            assertThat(client.connection.unflushed()).isEmpty();
            List<Message> frames = client.drainMessages();
            assertThat(frames)
                    .extracting(m -> m.id().textValue())
                    .containsExactly("b.0", "b.1", "b.2", "b.3", "b.4");
            assertThat(frames)
                    .extracting(m -> m.seq().getAsLong())
                    .containsExactly(1L, 2L, 3L, 4L, 5L);
        }
    }

    @Test
    void aClientTheBurstDoesNotReach_isNotFlushed() {
        Client watching = connect();
        Client idle = connect();
        watching.send(WATCH);
        int idleFlushes = idle.connection.flushes();

        gateway.onEvents(events(3));

        assertThat(idle.connection.flushes()).isEqualTo(idleFlushes);
        assertThat(watching.drainMessages()).hasSize(3);
    }

    @Test
    void aSingleEvent_isFlushedAtOnce() {
        Client client = connect();
        client.send(WATCH);

        feed.publish("on.test", "b.1", "{}");

        assertThat(client.connection.unflushed()).isEmpty();
        assertThat(client.drainMessages()).hasSize(1);
    }

    private static List<BusEvent> events(int count) {
        return IntStream.range(0, count)
                .mapToObj(
                        i ->
                                new BusEvent(
                                        "on.test",
                                        "b." + i,
                                        ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8)))
                .toList();
    }

    private Client connect() {
        RecordingClientConnection connection = new RecordingClientConnection();
        return new Client(connection, gateway.connect(Client.anonymous(connection, null)), codec);
    }
}

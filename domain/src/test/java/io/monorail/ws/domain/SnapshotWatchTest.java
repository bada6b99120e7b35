package io.monorail.ws.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monorail.ws.domain.auth.GatewaySecurity;
import io.monorail.ws.domain.catalog.ResourceCatalog;
import io.monorail.ws.domain.fake.InMemoryEventFeed;
import io.monorail.ws.domain.fake.InMemoryResourceStore;
import io.monorail.ws.domain.fake.ManualClock;
import io.monorail.ws.domain.fake.RecordingClientConnection;
import io.monorail.ws.domain.filter.FilterLimits;
import io.monorail.ws.domain.session.InMemorySessionStore;
import io.monorail.ws.protocol.Message;
import io.monorail.ws.protocol.MessageCodec;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class SnapshotWatchTest {
    private final MessageCodec codec = new MessageCodec();
    private final InMemoryEventFeed feed = new InMemoryEventFeed();
    private final InMemoryResourceStore store = new InMemoryResourceStore();

    /** Reads wait here until the test runs them, so events can arrive during a read. */
    private final Queue<Runnable> reads = new ArrayDeque<>();

    private final Executor heldReads = reads::add;
    private final Gateway gateway =
            new Gateway(
                    ResourceCatalog.defaults(FilterLimits.defaults()),
                    new GatewayPorts(feed, store, new InMemorySessionStore(), new ManualClock(0)),
                    GatewayLimits.defaults(),
                    GatewaySecurity.open(),
                    heldReads);

    @Test
    void snapshotWatch_sendsTheCurrentDocumentsAsAListWithSeq_thenChanges() {
        store.insert(
                "nodes",
                json("{\"_id\":\"a\",\"name\":\"a\",\"updatedAt\":\"2026-01-01T00:00:00Z\"}"));
        Client client = connect();

        client.send("{\"handler\":\"watch\",\"type\":\"nodes\",\"snapshot\":true,\"ref\":\"s\"}");
        runReads();
        publish("created", "{\"id\":\"b\",\"name\":\"b\",\"updatedAt\":\"2026-01-01T00:00:01Z\"}");

        Message list = client.next();
        assertThat(list.handler()).isEqualTo("list");
        assertThat(list.items()).extracting(i -> i.get("id").textValue()).containsExactly("a");
        assertThat(list.seq()).hasValue(1);
        assertThat(list.ref().textValue()).isEqualTo("s");
        Message created = client.next();
        assertThat(created.id().toString()).isEqualTo("[\"created\",\"b\"]");
        assertThat(created.seq()).hasValue(2);
    }

    @Test
    void eventsDuringTheRead_areNeitherLostNorRepeated() {
        store.insert(
                "nodes", json("{\"_id\":\"a\",\"v\":1,\"updatedAt\":\"2026-01-01T00:00:01Z\"}"));
        store.insert(
                "nodes", json("{\"_id\":\"gone\",\"v\":1,\"updatedAt\":\"2026-01-01T00:00:01Z\"}"));
        Client client = connect();
        client.send("{\"handler\":\"watch\",\"type\":\"nodes\",\"snapshot\":true}");

        // While the read waits: changes the read will already show ...
        store.delete("nodes", "a");
        store.insert(
                "nodes",
                json("{\"_id\":\"a\",\"v\":2,\"updatedAt\":\"2026-01-01T00:00:02.000Z\"}"));
        publish("updated", "{\"id\":\"a\",\"v\":2,\"updatedAt\":\"2026-01-01T00:00:02Z\"}");
        store.insert(
                "nodes", json("{\"_id\":\"b\",\"v\":1,\"updatedAt\":\"2026-01-01T00:00:03Z\"}"));
        publish("created", "{\"id\":\"b\",\"v\":1,\"updatedAt\":\"2026-01-01T00:00:03Z\"}");
        store.delete("nodes", "gone");
        publish("destroyed", "{\"id\":\"gone\",\"v\":1,\"updatedAt\":\"2026-01-01T00:00:01Z\"}");
        runReads();
        // ... and one that happened after the read.
        publish("updated", "{\"id\":\"b\",\"v\":2,\"updatedAt\":\"2026-01-01T00:00:04Z\"}");

        List<Message> frames = client.drainMessages();
        assertThat(frames.get(0).items())
                .extracting(i -> i.get("id").textValue() + "=" + i.get("v").intValue())
                .containsExactlyInAnyOrder("a=2", "b=1");
        assertThat(frames.subList(1, frames.size()))
                .extracting(m -> m.id().toString())
                .containsExactly("[\"updated\",\"b\"]");
    }

    @Test
    void eventNewerThanTheRead_isKept_withEverythingBeforeItForThatDocument() {
        store.insert(
                "nodes", json("{\"_id\":\"a\",\"v\":1,\"updatedAt\":\"2026-01-01T00:00:01Z\"}"));
        Client client = connect();
        client.send("{\"handler\":\"watch\",\"type\":\"nodes\",\"snapshot\":true}");

        // The read shows v1, but v2 and v3 were published before it completed.
        publish("updated", "{\"id\":\"a\",\"v\":2,\"updatedAt\":\"2026-01-01T00:00:02Z\"}");
        publish("updated", "{\"id\":\"a\",\"v\":3,\"updatedAt\":\"2026-01-01T00:00:03Z\"}");
        runReads();

        List<Message> frames = client.drainMessages();
        assertThat(frames).extracting(Message::handler).containsExactly("list", "item", "item");
        assertThat(frames.get(2).data().get("v").intValue()).isEqualTo(3);
        assertThat(frames).extracting(m -> m.seq().getAsLong()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void snapshotOnATopic_isBadParams() {
        Client client = connect();

        client.send("{\"handler\":\"watch\",\"type\":\"workflows\",\"snapshot\":true}");

        assertThat(client.next().params().get("code").textValue()).isEqualTo("bad_params");
        assertThat(feed.bindings()).isEmpty();
    }

    @Test
    void storeDownDuringTheSnapshot_isStoreUnavailable_andLeavesNoWatch() {
        store.setAvailable(false);
        Client client = connect();

        client.send("{\"handler\":\"watch\",\"type\":\"nodes\",\"snapshot\":true}");
        runReads();

        assertThat(client.next().params().get("code").textValue()).isEqualTo("store_unavailable");
        assertThat(feed.bindings()).isEmpty();
    }

    @Test
    void snapshotWithAFilter_listsOnlyMatchingDocuments() {
        store.insert("nodes", json("{\"_id\":\"a\",\"type\":\"compute\"}"));
        store.insert("nodes", json("{\"_id\":\"b\",\"type\":\"switch\"}"));
        Client client = connect();

        client.send(
                "{\"handler\":\"watch\",\"type\":\"nodes\",\"snapshot\":true,\"params\":{\"type\":\"switch\"}}");
        runReads();

        assertThat(client.next().items())
                .extracting(i -> i.get("id").textValue())
                .containsExactly("b");
    }

    private void runReads() {
        while (!reads.isEmpty()) {
            reads.poll().run();
        }
    }

    private void publish(String event, String record) {
        String id = json(record).get("id").textValue();
        feed.publish(
                "on.waterline",
                "nodes." + event + "." + id,
                "{\"event\":\"" + event + "\",\"record\":" + record + "}");
    }

    private ObjectNode json(String text) {
        try {
            return codec.parseObject(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Client connect() {
        RecordingClientConnection connection = new RecordingClientConnection();
        return new Client(connection, gateway.connect(Client.anonymous(connection, null)), codec);
    }
}

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
import org.junit.jupiter.api.Test;

/** A filtered watch tells its clients when a document enters or leaves what its filter matches. */
class EnterLeaveTest {
    private static final String COMPUTE =
            "{\"handler\":\"watch\",\"type\":\"nodes\",\"params\":{\"type\":\"compute\"}}";

    private final MessageCodec codec = new MessageCodec();
    private final InMemoryEventFeed feed = new InMemoryEventFeed();
    private final InMemoryResourceStore store = new InMemoryResourceStore();
    private final ManualClock clock = new ManualClock(0);
    private final Queue<Runnable> reads = new ArrayDeque<>();
    private Gateway gateway = gateway(GatewayLimits.defaults());

    private Gateway gateway(GatewayLimits limits) {
        return new Gateway(
                ResourceCatalog.defaults(FilterLimits.defaults()),
                new GatewayPorts(feed, store, new InMemorySessionStore(), clock),
                limits,
                GatewaySecurity.open(),
                reads::add);
    }

    @Test
    void documentThatStopsMatching_leaves_andOneThatMatchesAgain_enters() {
        Client client = connect();
        client.send(COMPUTE);

        node("created", "n1", "compute", 1);
        node("updated", "n1", "switch", 2);
        node("updated", "n1", "switch", 3);
        node("updated", "n1", "compute", 4);
        node("updated", "n1", "compute", 5);

        List<Message> frames = client.drainMessages();
        assertThat(frames).hasSize(4);
        assertThat(frames.get(0).id().toString()).isEqualTo("[\"created\",\"n1\"]");
        assertThat(frames.get(0).json().has("reason")).isFalse();
        Message leave = frames.get(1);
        assertThat(leave.handler()).isEqualTo("remove");
        assertThat(leave.id().textValue()).isEqualTo("n1");
        assertThat(leave.params().get("id").textValue()).isEqualTo("n1");
        assertThat(leave.json().get("reason").textValue()).isEqualTo("leave");
        assertThat(leave.data().get("type").textValue()).isEqualTo("switch");
        Message enter = frames.get(2);
        assertThat(enter.handler()).isEqualTo("item");
        assertThat(enter.id().toString()).isEqualTo("[\"updated\",\"n1\"]");
        assertThat(enter.json().get("reason").textValue()).isEqualTo("enter");
        assertThat(frames.get(3).json().has("reason")).isFalse();
        assertThat(frames).extracting(m -> m.seq().getAsLong()).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void documentNeverSeenMatching_neitherLeavesNorReachesTheClient() {
        Client client = connect();
        client.send(COMPUTE);

        node("created", "s1", "switch", 1);
        node("updated", "s1", "switch", 2);
        node("destroyed", "s1", "switch", 3);

        assertThat(client.drainMessages()).isEmpty();
    }

    @Test
    void destroyedAfterLeaving_isNotSentAgain_butDestroyedWhileMatching_isARemove() {
        Client client = connect();
        client.send(COMPUTE);
        node("created", "a", "compute", 1);
        node("created", "b", "compute", 1);

        node("updated", "a", "switch", 2);
        node("destroyed", "a", "switch", 3);
        node("destroyed", "b", "compute", 2);

        List<Message> frames = client.drainMessages();
        assertThat(frames)
                .extracting(m -> m.handler() + ":" + m.json().path("reason").asText("-"))
                .containsExactly("item:-", "item:-", "remove:leave", "remove:-");
        assertThat(frames.get(3).id().textValue()).isEqualTo("b");
    }

    @Test
    void watchesWithOtherFilters_eachSeeTheirOwnEnterAndLeave() {
        Client compute = connect();
        Client switches = connect();
        Client everything = connect();
        compute.send(COMPUTE);
        switches.send(
                "{\"handler\":\"watch\",\"type\":\"nodes\",\"params\":{\"type\":\"switch\"}}");
        everything.send("{\"handler\":\"watch\",\"type\":\"nodes\"}");
        node("created", "n1", "compute", 1);

        node("updated", "n1", "switch", 2);

        assertThat(compute.drainMessages())
                .extracting(m -> m.handler() + ":" + m.json().path("reason").asText("-"))
                .containsExactly("item:-", "remove:leave");
        assertThat(switches.drainMessages())
                .extracting(m -> m.handler() + ":" + m.json().path("reason").asText("-"))
                .containsExactly("item:enter");
        assertThat(everything.drainMessages())
                .extracting(m -> m.handler() + ":" + m.json().path("reason").asText("-"))
                .containsExactly("item:-", "item:-");
    }

    @Test
    void snapshotSeedsTheMatchingSet_soADocumentListedThenChanged_leaves() {
        store.insert("nodes", doc("n1", "compute", 1));
        Client client = connect();
        client.send(snapshot(COMPUTE));
        runReads();

        node("updated", "n1", "switch", 2);

        List<Message> frames = client.drainMessages();
        assertThat(frames).extracting(Message::handler).containsExactly("list", "remove");
        assertThat(frames.get(1).json().get("reason").textValue()).isEqualTo("leave");
    }

    @Test
    void documentLeavingWhileTheSnapshotIsRead_isNotLeftShown() {
        // The store still holds n1 as compute when the read runs: the read saw it before the change
        // arrived, as happens when a change and a snapshot's read overlap.
        store.insert("nodes", doc("n1", "compute", 1));
        Client client = connect();
        client.send(snapshot(COMPUTE));

        node("updated", "n1", "switch", 2);
        runReads();

        List<Message> frames = client.drainMessages();
        assertThat(frames).extracting(Message::handler).containsExactly("list", "remove");
        assertThat(frames.get(0).items()).extracting(i -> i.get("id").textValue()).contains("n1");
        assertThat(frames.get(1).json().get("reason").textValue()).isEqualTo("leave");
        // Once live, the group knows n1 left: matching again is an enter.
        node("updated", "n1", "compute", 3);
        assertThat(client.next().json().get("reason").textValue()).isEqualTo("enter");
    }

    @Test
    void otherWatchOfTheSameFilter_isNotToldOfLeavesOnlyTheSnapshotCouldShow() {
        Client live = connect();
        live.send(COMPUTE);
        store.insert("nodes", doc("n1", "compute", 1));
        Client snapshotting = connect();
        snapshotting.send(snapshot(COMPUTE));

        node("updated", "n1", "switch", 2);
        runReads();

        assertThat(live.drainMessages()).isEmpty();
        assertThat(snapshotting.drainMessages())
                .extracting(Message::handler)
                .containsExactly("list", "remove");
    }

    @Test
    void documentLeavingWhileTheSnapshotIsRead_thatTheListDoesNotShow_isNotSent() {
        Client client = connect();
        client.send(snapshot(COMPUTE));

        node("updated", "elsewhere", "switch", 1);
        runReads();

        assertThat(client.drainMessages()).extracting(Message::handler).containsExactly("list");
    }

    @Test
    void leaveAndEnter_areReplayedOnResume_inOrder() {
        Client client = connect();
        String session = client.initAndGetId();
        client.send(COMPUTE);
        node("created", "n1", "compute", 1);
        Message created = client.next();
        client.drop();

        node("updated", "n1", "switch", 2);
        node("updated", "n1", "compute", 3);
        Client back = connect();
        back.send(
                "{\"handler\":\"init\",\"id\":\""
                        + session
                        + "\",\"seq\":"
                        + created.seq().getAsLong()
                        + "}");

        List<Message> frames = back.drainMessages();
        assertThat(frames)
                .extracting(m -> m.handler() + ":" + m.json().path("reason").asText("-"))
                .containsExactly("session:-", "remove:leave", "item:enter");
        assertThat(frames.get(0).json().get("resumed").booleanValue()).isTrue();
    }

    @Test
    void beyondTheTrackedIdLimit_aLeaveIsStillSent_forDocumentsItCouldNotRemember() {
        gateway = gateway(GatewayLimits.defaults().withMaxTrackedIds(2));
        Client client = connect();
        client.send(COMPUTE);
        node("created", "a", "compute", 1);
        node("created", "b", "compute", 1);
        node("created", "c", "compute", 1);
        client.drainMessages();

        node("updated", "c", "switch", 2);
        node("updated", "a", "switch", 2);
        node("created", "new-switch", "switch", 2);

        assertThat(client.drainMessages())
                .extracting(m -> m.handler() + ":" + m.id().asText())
                .containsExactly("remove:c", "remove:a");
    }

    @Test
    void unfilteredWatch_remembersNothing() {
        Client client = connect();
        client.send("{\"handler\":\"watch\",\"type\":\"nodes\"}");
        node("created", "a", "compute", 1);

        assertThat(gateway.registry().trackedIds()).isZero();
        client.send(COMPUTE);
        node("updated", "a", "compute", 2);
        assertThat(gateway.registry().trackedIds()).isEqualTo(1);
        node("destroyed", "a", "compute", 3);
        assertThat(gateway.registry().trackedIds()).isZero();
    }

    private static String snapshot(String watch) {
        return watch.substring(0, watch.length() - 1) + ",\"snapshot\":true}";
    }

    private void node(String event, String id, String type, int second) {
        feed.publish(
                "on.waterline",
                "nodes." + event + "." + id,
                "{\"event\":\""
                        + event
                        + "\",\"record\":"
                        + doc(id, type, second).toString().replace("\"_id\"", "\"id\"")
                        + "}");
    }

    private ObjectNode doc(String id, String type, int second) {
        return json(
                "{\"_id\":\""
                        + id
                        + "\",\"type\":\""
                        + type
                        + "\",\"updatedAt\":\"2026-01-01T00:00:0"
                        + second
                        + "Z\"}");
    }

    private void runReads() {
        while (!reads.isEmpty()) {
            reads.poll().run();
        }
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

package io.monorail.ws.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.monorail.ws.domain.auth.GatewaySecurity;
import io.monorail.ws.domain.catalog.ResourceCatalog;
import io.monorail.ws.domain.cluster.ClusterSettings;
import io.monorail.ws.domain.fake.InMemoryEventStream;
import io.monorail.ws.domain.fake.InMemoryResourceStore;
import io.monorail.ws.domain.fake.ManualClock;
import io.monorail.ws.domain.fake.RecordingClientConnection;
import io.monorail.ws.domain.fake.SharedSessionStore;
import io.monorail.ws.domain.filter.FilterLimits;
import io.monorail.ws.domain.port.out.SessionRecord;
import io.monorail.ws.domain.session.SessionLimits;
import io.monorail.ws.protocol.Message;
import io.monorail.ws.protocol.MessageCodec;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * Cluster mode in the domain (ADR 13): instances that read one event stream in one order and share
 * session records resume each other's sessions, recomputing exactly the messages a client missed.
 * The reference is what the first instance itself sent: a client that stays on it receives every
 * message, and the frames another instance replays after a given seq must be the same bytes.
 */
class ClusterTakeoverTest {
    private static final String MQ =
            "{\"handler\":\"watch\",\"type\":\"mq\",\"ref\":\"m\",\"params\":{\"exchange\":\"on.test\",\"routingKey\":\"#\"}}";
    private static final String ALL_GRAPHS =
            "{\"handler\":\"watch\",\"type\":\"mq\",\"ref\":\"all\",\"params\":{\"exchange\":\"on.events\",\"routingKey\":\"graph.#\"}}";
    private static final String GRAPH =
            "{\"handler\":\"watch\",\"resource\":\"workflows\",\"ref\":7,\"params\":{\"graphId\":\"g1\"}}";

    private final MessageCodec codec = new MessageCodec();
    private final InMemoryEventStream stream = new InMemoryEventStream();
    private final SharedSessionStore records = new SharedSessionStore();
    private final InMemoryResourceStore documents = new InMemoryResourceStore();
    private final ManualClock clock = new ManualClock(1_000_000);
    private final Queue<Runnable> reads = new ArrayDeque<>();
    private final Gateway a = instance("a", SessionLimits.DEFAULT_JOURNAL_BYTES);
    private final Gateway b = instance("b", SessionLimits.DEFAULT_JOURNAL_BYTES);

    @Test
    void aClientCutOffFromOneInstance_resumesOnAnother_withExactlyWhatItMissed_thenLive() {
        Client onA = connect(a);
        String id = onA.initAndGetId();
        onA.send(MQ);
        publishTest("k1");
        long seen = onA.next().seq().getAsLong();
        onA.drop();
        publishTest("k2");
        publishTest("k3");

        Client onB = connect(b);
        onB.send("{\"handler\":\"init\",\"id\":\"" + id + "\",\"seq\":" + seen + "}");
        Message session = onB.next();
        publishTest("k4");

        assertThat(session.get("resumed").booleanValue()).isTrue();
        assertThat(session.id().textValue()).isEqualTo(id);
        List<Message> after = onB.drainMessages();
        assertThat(after).extracting(m -> m.id().textValue()).containsExactly("k2", "k3", "k4");
        assertThat(after).extracting(m -> m.seq().getAsLong()).containsExactly(2L, 3L, 4L);
        assertThat(after).extracting(m -> m.ref().textValue()).containsOnly("m");
        SessionRecord record = records.find(id).orElseThrow();
        assertThat(record.instance()).isEqualTo("b");
        assertThat(record.generation()).isEqualTo(1);
        assertThat(b.stats().takeovers()).isEqualTo(1);
        assertThat(b.stats().takeoversRefused()).isZero();
    }

    @Test
    void theReplay_isTheSameBytesTheFirstInstanceSent_acrossWatchChangesAndSeveralWatches() {
        Client onA = connect(a);
        String id = onA.initAndGetId();
        onA.send(MQ);
        publishTest("t1");
        onA.send(GRAPH);
        onA.send(ALL_GRAPHS); // graph events of g1 reach two watches: in key order, everywhere
        publishGraph("g1", "graph.started");
        publishTest("t2");
        publishGraph("g2", "graph.started"); // another graph: filtered out
        a.checkpointSessions(0, 1);
        publishGraph("g1", "graph.finished");
        onA.send(
                "{\"handler\":\"stop\",\"type\":\"mq\",\"params\":{\"exchange\":\"on.test\",\"routingKey\":\"#\"}}");
        publishTest("t3"); // no longer watched
        publishGraph("g1", "graph.progress");
        a.checkpointSessions(0, 1);
        List<String> sentByA = watchFrames(onA.connection.sent());
        assertThat(sentByA).hasSize(9);

        for (int seen = 0; seen <= sentByA.size(); seen++) {
            Client onB = connect(b);
            onB.send("{\"handler\":\"init\",\"id\":\"" + id + "\",\"seq\":" + seen + "}");
            Message session = onB.next();
            assertThat(session.get("resumed").booleanValue()).as("resume at seq %d", seen).isTrue();
            assertThat(watchFrames(onB.connection.sent()))
                    .as("replay after seq %d", seen)
                    .containsExactlyElementsOf(sentByA.subList(seen, sentByA.size()));
            // Back to a, which now takes it over from b: the same again.
            Client back = connect(a);
            back.send("{\"handler\":\"init\",\"id\":\"" + id + "\",\"seq\":" + seen + "}");
            assertThat(back.next().get("resumed").booleanValue()).isTrue();
            assertThat(watchFrames(back.connection.sent()))
                    .containsExactlyElementsOf(sentByA.subList(seen, sentByA.size()));
            assertThat(onB.connection.closeCode()).as("b's connection taken over").isEqualTo(4002);
            onB.drop();
        }
    }

    @Test
    void anAttachedSession_takenOverByAnotherInstance_isClosedWith4002_andReleasedThere() {
        Client onA = connect(a);
        String id = onA.initAndGetId();
        onA.send(MQ);
        publishTest("k1");

        Client onB = connect(b);
        onB.send("{\"handler\":\"init\",\"id\":\"" + id + "\",\"seq\":1}");
        assertThat(onB.next().get("resumed").booleanValue()).isTrue();
        publishTest("k2");

        assertThat(onA.connection.closeCode()).isEqualTo(4002);
        assertThat(a.stats().sessions()).as("a let the session go").isZero();
        assertThat(a.registry().groupCount()).isZero();
        assertThat(onB.drainMessages()).extracting(m -> m.id().textValue()).containsExactly("k2");
    }

    @Test
    void aSnapshotsListCannotBeRecomputed_soAResumeBeforeItIsRefused_andOneAfterItWorks() {
        documents.insert("nodes", json("{\"_id\":\"n1\",\"name\":\"n1\"}"));
        Client onA = connect(a);
        String id = onA.initAndGetId();
        onA.send(MQ);
        publishTest("k1");
        onA.send("{\"handler\":\"watch\",\"type\":\"nodes\",\"snapshot\":true}");
        runReads();
        publishTest("k2");
        List<Message> sent = onA.drainMessages();
        assertThat(sent).extracting(Message::handler).containsExactly("item", "list", "item");
        onA.drop();

        Client beforeList = connect(b);
        beforeList.send("{\"handler\":\"init\",\"id\":\"" + id + "\",\"seq\":1}");
        Message refused = beforeList.next();
        assertThat(refused.get("resumed").booleanValue()).isFalse();
        assertThat(refused.get("reason").textValue()).isEqualTo("gap");

        Client afterList = connect(b);
        afterList.send("{\"handler\":\"init\",\"id\":\"" + id + "\",\"seq\":2}");
        assertThat(afterList.next().get("resumed").booleanValue()).isTrue();
        assertThat(afterList.drainMessages())
                .extracting(m -> m.seq().getAsLong())
                .containsExactly(3L);
    }

    @Test
    void aFilteredCollectionWatch_isTakenOver_withItsEnterAndLeaveMessages_byteForByte() {
        Client onA = connect(a);
        String id = onA.initAndGetId();
        onA.send("{\"handler\":\"watch\",\"type\":\"nodes\",\"params\":{\"sku\":\"a\"}}");
        node("created", "n1", "a"); // matches: an item
        node("updated", "n1", "b"); // leaves: a remove with reason leave
        node("updated", "n1", "a"); // enters: an item with reason enter
        node("updated", "n2", "b"); // never shown, does not match: nothing
        a.checkpointSessions(0, 1);
        node("updated", "n2", "a"); // enters
        node("destroyed", "n1", "a"); // a remove
        node("updated", "n2", "b"); // leaves
        List<String> sentByA = watchFrames(onA.connection.sent());
        assertThat(sentByA).hasSize(6);
        assertThat(String.join("\n", sentByA))
                .contains("\"reason\":\"enter\"", "\"reason\":\"leave\"");

        for (int seen = 0; seen <= sentByA.size(); seen++) {
            Client onB = connect(b);
            onB.send("{\"handler\":\"init\",\"id\":\"" + id + "\",\"seq\":" + seen + "}");
            assertThat(onB.next().get("resumed").booleanValue()).as("resume at %d", seen).isTrue();
            assertThat(watchFrames(onB.connection.sent()))
                    .as("replay after seq %d", seen)
                    .containsExactlyElementsOf(sentByA.subList(seen, sentByA.size()));
            onB.drop();
        }
    }

    @Test
    void afterATakeover_aFilteredWatchGoesOnFromWhatItHadShown() {
        Client onA = connect(a);
        String id = onA.initAndGetId();
        onA.send("{\"handler\":\"watch\",\"type\":\"nodes\",\"params\":{\"sku\":\"a\"}}");
        node("created", "n1", "a"); // shown
        onA.drop();

        Client onB = connect(b);
        onB.send("{\"handler\":\"init\",\"id\":\"" + id + "\",\"seq\":1}");
        assertThat(onB.next().get("resumed").booleanValue()).isTrue();
        node("updated", "n1", "b"); // b knows n1 was shown: it leaves
        node("updated", "n9", "b"); // never shown: nothing

        List<Message> live = onB.drainMessages();
        assertThat(live).extracting(Message::handler).containsExactly("remove");
        assertThat(live.get(0).get("reason").textValue()).isEqualTo("leave");
    }

    @Test
    void aFilteredWatchThatRememberedTooMuch_isNotTakenOver_soTheClientReloads() {
        Gateway tight = instance("tight", stream.feed(), SessionLimits.DEFAULT_JOURNAL_BYTES, 2);
        Client onTight = connect(tight);
        String id = onTight.initAndGetId();
        onTight.send("{\"handler\":\"watch\",\"type\":\"nodes\",\"params\":{\"sku\":\"a\"}}");
        for (int n = 0; n < 3; n++) {
            node("created", "n" + n, "a"); // the third overflows a tracker of 2
        }
        onTight.drop();

        Client onB = connect(b);
        onB.send("{\"handler\":\"init\",\"id\":\"" + id + "\",\"seq\":0}");
        Message session = onB.next();

        assertThat(session.get("resumed").booleanValue()).isFalse();
        assertThat(session.get("reason").textValue()).isEqualTo("gap");
        assertThat(b.stats().takeoversRefused()).isEqualTo(1);
    }

    @Test
    void anotherSubject_cannotTakeASessionOver() {
        Client onA = connect(a);
        String id = onA.initAndGetId();
        onA.drop();

        RecordingClientConnection connection = new RecordingClientConnection();
        Client mallory =
                new Client(
                        connection,
                        b.connect(
                                new io.monorail.ws.domain.port.in.Handshake(
                                        connection,
                                        null,
                                        new io.monorail.ws.domain.port.Principal(
                                                "mallory", java.util.Set.of(), null))),
                        codec);
        mallory.send("{\"handler\":\"init\",\"id\":\"" + id + "\",\"seq\":0}");

        assertThat(mallory.next().get("reason").textValue()).isEqualTo("unknown_session");
    }

    @Test
    void whenTheEventsSinceTheLastUsableCheckpointAreGone_theResumeIsRefused() {
        Gateway small = instance("small", 64);
        Client onA = connect(a);
        String id = onA.initAndGetId();
        onA.send(MQ);
        for (int i = 0; i < 20; i++) {
            publishTest("k" + i); // far more than 64 bytes of bodies
        }
        onA.drop();

        Client onSmall = connect(small);
        onSmall.send("{\"handler\":\"init\",\"id\":\"" + id + "\",\"seq\":0}");

        assertThat(onSmall.next().get("reason").textValue()).isEqualTo("gap");
    }

    @Test
    void periodicCheckpoints_letAResumeStartLate_evenWhenEarlyEventsAreGone() {
        Gateway small = instance("small", 400);
        Client onA = connect(a);
        String id = onA.initAndGetId();
        onA.send(MQ);
        for (int i = 0; i < 40; i++) {
            publishTest("k" + i);
            if (i % 10 == 9) {
                a.checkpointSessions(0, 1);
            }
        }
        publishTest("k40");
        onA.drop();

        Client onSmall = connect(small);
        onSmall.send("{\"handler\":\"init\",\"id\":\"" + id + "\",\"seq\":40}");

        assertThat(onSmall.next().get("resumed").booleanValue()).isTrue();
        assertThat(onSmall.drainMessages())
                .extracting(m -> m.id().textValue())
                .containsExactly("k40");
    }

    @Test
    void aResumeWaitsForAnInstanceThatLagsBehindTheCheckpoint_andIsRefusedIfItNeverCatchesUp() {
        InMemoryEventStream.Feed lagging = stream.feed();
        Gateway behind = instance("behind", lagging);
        lagging.pause();
        Client onA = connect(a);
        String id = onA.initAndGetId();
        onA.send(MQ);
        publishTest("k1");
        onA.drop();

        Client onBehind = connect(behind);
        onBehind.send("{\"handler\":\"init\",\"id\":\"" + id + "\",\"seq\":0}");

        assertThat(onBehind.next().get("reason").textValue()).isEqualTo("gap");
    }

    @Test
    void checkpointsInSlices_reachEachSessionOnceAcrossTheSlices() {
        Client one = connect(a);
        one.initAndGetId();
        Client two = connect(a);
        two.initAndGetId();
        one.send(MQ);
        two.send(MQ);
        publishTest("k1");

        int written = 0;
        for (int slice = 0; slice < 4; slice++) {
            written += a.checkpointSessions(slice, 4);
        }

        assertThat(written).as("each of the two sessions, in its own slice").isEqualTo(2);
        assertThat(a.checkpointSessions(0, 1)).as("nothing moved since").isZero();
    }

    private Gateway instance(String name, long journalBytes) {
        return instance(name, stream.feed(), journalBytes);
    }

    private Gateway instance(String name, InMemoryEventStream.Feed feed) {
        return instance(name, feed, SessionLimits.DEFAULT_JOURNAL_BYTES);
    }

    private Gateway instance(String name, InMemoryEventStream.Feed feed, long journalBytes) {
        return instance(name, feed, journalBytes, GatewayLimits.DEFAULT_MAX_TRACKED_IDS);
    }

    private Gateway instance(
            String name, InMemoryEventStream.Feed feed, long journalBytes, int maxTrackedIds) {
        Executor heldReads = reads::add;
        return new Gateway(
                ResourceCatalog.defaults(FilterLimits.defaults()),
                new GatewayPorts(feed, documents, records, clock),
                GatewayLimits.defaults()
                        .withMaxTrackedIds(maxTrackedIds)
                        .withSessions(
                                new SessionLimits(
                                        1_000, 1_000_000, Duration.ofMinutes(2), 10, journalBytes)),
                GatewaySecurity.open(),
                heldReads,
                ClusterSettings.streams(name, Duration.ofSeconds(10)));
    }

    private void runReads() {
        while (!reads.isEmpty()) {
            reads.poll().run();
        }
    }

    private void publishTest(String key) {
        stream.publish("on.test", key, "{\"key\":\"" + key + "\"}");
    }

    private void node(String event, String id, String sku) {
        stream.publish(
                "on.waterline",
                "nodes." + event + "." + id,
                "{\"event\":\""
                        + event
                        + "\",\"record\":{\"id\":\""
                        + id
                        + "\",\"sku\":\""
                        + sku
                        + "\"}}");
    }

    private void publishGraph(String graphId, String what) {
        stream.publish("on.events", what + "." + graphId, "{\"graphId\":\"" + graphId + "\"}");
    }

    private Client connect(Gateway gateway) {
        RecordingClientConnection connection = new RecordingClientConnection();
        return new Client(connection, gateway.connect(Client.anonymous(connection, null)), codec);
    }

    /** The frames that carry a seq: watch messages. */
    private static List<String> watchFrames(List<String> sent) {
        return sent.stream().filter(text -> text.contains("\"seq\":")).toList();
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode json(String text) {
        try {
            return (com.fasterxml.jackson.databind.node.ObjectNode)
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}

package io.monorail.ws.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.monorail.ws.domain.auth.GatewaySecurity;
import io.monorail.ws.domain.catalog.ResourceCatalog;
import io.monorail.ws.domain.fake.InMemoryEventFeed;
import io.monorail.ws.domain.fake.InMemoryResourceStore;
import io.monorail.ws.domain.fake.ManualClock;
import io.monorail.ws.domain.fake.RecordingClientConnection;
import io.monorail.ws.domain.filter.FilterLimits;
import io.monorail.ws.domain.port.in.ClientSession;
import io.monorail.ws.domain.port.out.TopicBinding;
import io.monorail.ws.domain.session.InMemorySessionStore;
import io.monorail.ws.protocol.Message;
import io.monorail.ws.protocol.MessageCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayTest {
    private static final String WATCH_ON_TEST =
            "{\"handler\":\"watch\",\"type\":\"mq\",\"params\":{\"exchange\":\"on.test\",\"routingKey\":\"#\"}}";
    private static final String STOP_ON_TEST =
            "{\"handler\":\"stop\",\"type\":\"mq\",\"params\":{\"exchange\":\"on.test\",\"routingKey\":\"#\"}}";

    private final MessageCodec codec = new MessageCodec();
    private final InMemoryEventFeed feed = new InMemoryEventFeed();
    private final InMemoryResourceStore store = new InMemoryResourceStore();
    private final InMemorySessionStore sessions = new InMemorySessionStore();
    private final ManualClock clock = new ManualClock(1_000_000);
    private final Gateway gateway = gateway(GatewayLimits.defaults());

    /** Reads run on the calling thread, so answers are there when onText returns. */
    private Gateway gateway(GatewayLimits limits) {
        return new Gateway(
                ResourceCatalog.defaults(FilterLimits.defaults()),
                new GatewayPorts(feed, store, sessions, clock),
                limits,
                GatewaySecurity.open(),
                Runnable::run);
    }

    @Test
    void init_answersSessionWithAFreshUnguessableId() {
        Client a = connect(null);
        Client b = connect(null);

        a.send("{\"handler\":\"init\"}");
        b.send("{\"handler\":\"init\"}");

        String idA = a.next().json().get("id").textValue();
        String idB = b.next().json().get("id").textValue();
        assertThat(idA).isNotEqualTo(idB).hasSizeGreaterThanOrEqualTo(22);
    }

    @Test
    void watchMq_deliversRoutingKeyAsIdAndBodyAsDataWithSeq() {
        Client client = connect(null);
        client.send(WATCH_ON_TEST);

        feed.publish("on.test", "a.b.c", "{\"x\":1}");
        feed.publish("on.test", "a.b.d", "{\"x\":2}");

        Message first = client.next();
        assertThat(first.handler()).isEqualTo("item");
        assertThat(first.type()).isEqualTo("mq");
        assertThat(first.id().textValue()).isEqualTo("a.b.c");
        assertThat(first.data().get("x").intValue()).isEqualTo(1);
        Message second = client.next();
        assertThat(second.seq().getAsLong()).isGreaterThan(first.seq().getAsLong());
    }

    @Test
    void stopWithSameParams_endsTheWatchAndUnbinds() {
        Client client = connect(null);
        client.send(WATCH_ON_TEST);

        client.send(STOP_ON_TEST);
        feed.publish("on.test", "a", "{}");

        assertThat(client.connection.sent()).isEmpty();
        assertThat(feed.bindings()).isEmpty();
    }

    @Test
    void stopWithParamsInAnotherKeyOrder_endsTheSameWatch() {
        Client client = connect(null);
        client.send(WATCH_ON_TEST);

        client.send(
                "{\"handler\":\"stop\",\"type\":\"mq\",\"params\":{\"routingKey\":\"#\",\"exchange\":\"on.test\"}}");

        assertThat(feed.bindings()).isEmpty();
    }

    @Test
    void stopWithoutParams_endsAllWatchesOfThatType() {
        Client client = connect(null);
        client.send(WATCH_ON_TEST);
        client.send(
                "{\"handler\":\"watch\",\"type\":\"mq\",\"params\":{\"exchange\":\"on.events\",\"routingKey\":\"x\"}}");
        client.send("{\"handler\":\"watch\",\"type\":\"workflows\"}");

        client.send("{\"handler\":\"stop\",\"type\":\"mq\"}");
        feed.publish("on.test", "a", "{}");
        feed.publish("on.events", "graph.started.g1", "{}");

        assertThat(client.drainMessages()).extracting(Message::type).containsExactly("workflows");
    }

    @Test
    void twoClientsOnTheSameWatch_shareOneBindingAndOneStopLeavesTheOther() {
        Client a = connect(null);
        Client b = connect(null);
        a.send(WATCH_ON_TEST);
        b.send(WATCH_ON_TEST);

        assertThat(feed.bindCalls()).containsExactly(new TopicBinding("on.test", "#"));

        a.send(STOP_ON_TEST);
        feed.publish("on.test", "k", "{}");

        assertThat(a.connection.sent()).isEmpty();
        assertThat(b.next().id().textValue()).isEqualTo("k");
        assertThat(feed.bindings()).containsExactly(new TopicBinding("on.test", "#"));
    }

    @Test
    void closingTheConnection_endsItsWatchesAndReleasesBindings() {
        Client client = connect(null);
        client.send(WATCH_ON_TEST);

        client.session.onClose();

        assertThat(feed.bindings()).isEmpty();
        assertThat(gateway.registry().groupCount()).isZero();
    }

    @Test
    void sameWatchTwice_givesOneStream() {
        Client client = connect(null);
        client.send(WATCH_ON_TEST);
        client.send(WATCH_ON_TEST);

        feed.publish("on.test", "k", "{}");

        assertThat(client.drainMessages()).hasSize(1);
    }

    @Test
    void workflowsNarrowedByGraphId_receiveOnlyThatGraph() {
        Client client = connect(null);
        client.send(
                "{\"handler\":\"watch\",\"type\":\"workflows\",\"params\":{\"graphId\":\"g1\"}}");

        feed.publish("on.events", "graph.started.g2", "{\"graphId\":\"g2\"}");
        feed.publish("on.events", "graph.started.g1", "{\"graphId\":\"g1\"}");
        feed.publish(
                "on.events",
                "graph.progress.updated.info.g1",
                "{\"typeId\":\"g1\",\"action\":\"progress.updated\"}");
        feed.publish("on.events", "default.task.finished", "{\"graphId\":\"g2\",\"taskId\":\"t\"}");
        feed.publish("on.events", "default.task.finished", "{\"graphId\":\"g1\",\"taskId\":\"t\"}");

        assertThat(client.drainMessages())
                .extracting(m -> m.id().textValue())
                .containsExactly(
                        "graph.started.g1",
                        "graph.progress.updated.info.g1",
                        "default.task.finished");
    }

    @Test
    void logsWithLevel_bindsTheLevelAsRoutingKey() {
        Client client = connect(null);
        client.send("{\"handler\":\"watch\",\"type\":\"logs\",\"params\":{\"level\":\"error\"}}");

        assertThat(feed.bindings()).containsExactly(new TopicBinding("on.logging", "error"));
    }

    @Test
    void logsNarrowedByContext_filterOnTheBody() {
        Client client = connect(null);
        client.send("{\"handler\":\"watch\",\"type\":\"logs\",\"params\":{\"graphId\":\"g1\"}}");

        feed.publish("on.logging", "info", "{\"message\":\"a\",\"context\":{\"graphId\":\"g2\"}}");
        feed.publish("on.logging", "info", "{\"message\":\"b\",\"context\":{\"graphId\":\"g1\"}}");

        assertThat(client.drainMessages())
                .extracting(m -> m.data().get("message").textValue())
                .containsExactly("b");
    }

    @Test
    void bodyThatIsNotJson_isDeliveredAsAString() {
        Client client = connect(null);
        client.send(WATCH_ON_TEST);

        feed.publish("on.test", "k", "plain text");

        assertThat(client.next().data().textValue()).isEqualTo("plain text");
    }

    @Test
    void exchangeNotOnTheAllowList_isForbidden() {
        Client client = connect(null);

        client.send(
                "{\"handler\":\"watch\",\"type\":\"mq\",\"params\":{\"exchange\":\"amq.rabbitmq.trace\"}}");

        assertError(client.next(), "forbidden");
        assertThat(feed.bindings()).isEmpty();
    }

    @Test
    void exchangeRejectedByTheBus_isBadParamsAndLeavesNoWatch() {
        feed.rejectExchange("on.test");
        Client client = connect(null);

        client.send(WATCH_ON_TEST);

        assertError(client.next(), "bad_params");
        assertThat(gateway.registry().groupCount()).isZero();
    }

    @Test
    void busDown_watchIsBusUnavailable_andWorksOnceItIsBack() {
        feed.setAvailable(false);
        Client client = connect(null);

        client.send(WATCH_ON_TEST);
        assertError(client.next(), "bus_unavailable");
        assertThat(gateway.health().up()).isFalse();

        feed.setAvailable(true);
        client.send(WATCH_ON_TEST);
        feed.publish("on.test", "k", "{}");
        assertThat(client.next().handler()).isEqualTo("item");
    }

    @Test
    void busOutage_isNeverSilent_watchersAreToldToQueryAgain() {
        Client watching = connect(null);
        watching.send(WATCH_ON_TEST);
        Client idle = connect(null);

        feed.setAvailable(false);
        clock.advance(java.time.Duration.ofSeconds(3));
        feed.setAvailable(true);

        Message notice = watching.next();
        assertError(notice, "bus_unavailable");
        assertThat(notice.params().get("message").textValue()).contains("may be lost");
        assertThat(notice.seq()).isPresent();
        assertThat(idle.drainMessages()).as("no watch, nothing lost").isEmpty();
        feed.publish("on.test", "k", "{}");
        assertThat(watching.next().seq().getAsLong()).isGreaterThan(notice.seq().getAsLong());
    }

    @Test
    void stats_countConnectionsWatchesBindingsEventsAndDeliveries() {
        Client a = connect(null);
        Client b = connect(null);
        a.send(WATCH_ON_TEST);
        b.send(WATCH_ON_TEST);

        feed.publish("on.test", "k", "{}");

        assertThat(gateway.stats())
                .isEqualTo(
                        new io.monorail.ws.domain.port.in.ClientGateway.Stats(
                                2, 0, 1, 1, 1, 2, 0, 0));
        a.drop();
        assertThat(gateway.stats().connections()).isEqualTo(1);
    }

    @Test
    void channelPath_isTheDefaultResource_andRepliesUseTheRequestsFieldName() {
        Client client = connect("mq");

        client.send(
                "{\"handler\":\"watch\",\"resource\":null,\"params\":{\"exchange\":\"on.test\",\"routingKey\":\"#\"}}");
        client.send(
                "{\"handler\":\"watch\",\"resource\":\"mq\",\"params\":{\"exchange\":\"on.events\",\"routingKey\":\"#\"}}");
        feed.publish("on.events", "k", "{}");

        JsonNode frame = client.next().json();
        assertThat(frame.get("resource").textValue()).isEqualTo("mq");
        assertThat(frame.has("type")).isFalse();
    }

    @Test
    void refOfTheWatch_isEchoedOnItsEvents() {
        Client client = connect(null);
        client.send(
                "{\"handler\":\"watch\",\"type\":\"mq\",\"ref\":\"w-1\",\"params\":{\"exchange\":\"on.test\"}}");

        feed.publish("on.test", "k", "{}");

        assertThat(client.next().ref().textValue()).isEqualTo("w-1");
    }

    @Test
    void badFrames_getTheirErrorCodesAndTheConnectionStaysUsable() {
        Client client = connect(null);

        client.send("{not json");
        assertError(client.next(), "bad_json");
        client.send("[1,2]");
        assertError(client.next(), "bad_json");
        client.send("{\"type\":\"nodes\",\"ref\":9}");
        Message missing = client.next();
        assertError(missing, "missing_handler");
        assertThat(missing.ref().intValue()).isEqualTo(9);
        client.send("{\"handler\":\"fly\"}");
        assertError(client.next(), "unknown_handler");
        client.send("{\"handler\":\"watch\",\"type\":\"planets\"}");
        assertError(client.next(), "unknown_type");
        client.send("{\"handler\":\"watch\"}");
        assertError(client.next(), "unknown_type");
        client.send("{\"handler\":\"watch\",\"type\":\"mq\",\"params\":[1]}");
        assertError(client.next(), "bad_params");
        client.session.onBinary();
        assertError(client.next(), "bad_json");

        client.send("{\"handler\":\"init\"}");
        assertThat(client.next().handler()).isEqualTo("session");
    }

    @Test
    void all_listsTheCollectionWithTheRequestsFieldName() {
        insertNodes(3);
        Client client = connect("nodes");

        client.send("{\"handler\":\"all\",\"resource\":\"nodes\",\"ref\":1}");

        Message list = client.next();
        assertThat(list.handler()).isEqualTo("list");
        assertThat(list.json().get("resource").textValue()).isEqualTo("nodes");
        assertThat(list.items()).hasSize(3);
        assertThat(list.ref().intValue()).isEqualTo(1);
        assertThat(list.json().has("truncated")).isFalse();
    }

    @Test
    void allBeyondTheCap_isCutAndSaysSo() {
        insertNodes(5);
        Gateway capped = gateway(GatewayLimits.defaults().withMaxResults(3));
        RecordingClientConnection connection = new RecordingClientConnection();

        capped.connect(Client.anonymous(connection, "nodes")).onText("{\"handler\":\"all\"}");

        Message list = decode(connection.sent().get(0));
        assertThat(list.items()).hasSize(3);
        assertThat(list.json().get("truncated").booleanValue()).isTrue();
    }

    @Test
    void query_filtersSortsAndPages() {
        insertNodes(5);
        Client client = connect(null);

        client.send(
                "{\"handler\":\"query\",\"type\":\"nodes\",\"params\":{\"rank\":{\"$gte\":1}},"
                        + "\"sort\":{\"rank\":-1},\"skip\":1,\"limit\":2,\"fields\":[\"rank\"]}");

        Message list = client.next();
        assertThat(list.items())
                .extracting(item -> item.get("rank").intValue())
                .containsExactly(3, 2);
        assertThat(list.items().get(0).has("name")).isFalse();
        assertThat(list.items().get(0).has("id")).isTrue();
    }

    @Test
    void get_existing_isAnItem_andMissing_isARemove() {
        insertNodes(1);
        Client client = connect(null);

        client.send("{\"handler\":\"get\",\"type\":\"nodes\",\"params\":{\"id\":\"n0\"}}");
        Message item = client.next();
        assertThat(item.handler()).isEqualTo("item");
        assertThat(item.id().textValue()).isEqualTo("n0");
        assertThat(item.data().get("name").textValue()).isEqualTo("node-0");

        client.send("{\"handler\":\"get\",\"type\":\"nodes\",\"params\":{\"id\":\"nope\"}}");
        Message remove = client.next();
        assertThat(remove.handler()).isEqualTo("remove");
        assertThat(remove.id().textValue()).isEqualTo("nope");
        assertThat(remove.params().get("id").textValue()).isEqualTo("nope");
    }

    @Test
    void forbiddenOperatorAnywhere_isRefusedBeforeTheStore() {
        Client client = connect(null);

        client.send(
                "{\"handler\":\"query\",\"type\":\"nodes\",\"params\":{\"$where\":\"sleep(1000)\"}}");
        assertError(client.next(), "forbidden_operator");
        client.send(
                "{\"handler\":\"query\",\"type\":\"nodes\",\"params\":{\"$or\":[{\"a\":{\"$function\":{}}}]}}");
        assertError(client.next(), "forbidden_operator");
        client.send("{\"handler\":\"get\",\"type\":\"nodes\",\"params\":{\"id\":{\"$expr\":1}}}");
        assertError(client.next(), "forbidden_operator");
        client.send(
                "{\"handler\":\"query\",\"type\":\"nodes\",\"params\":{},\"sort\":{\"$natural\":1}}");
        assertError(client.next(), "bad_params");

        assertThat(store.filtersSeen()).isEmpty();
    }

    @Test
    void storeDown_isStoreUnavailable_andTheConnectionKeepsServing() {
        store.setAvailable(false);
        Client client = connect(null);

        client.send("{\"handler\":\"all\",\"type\":\"nodes\"}");
        assertError(client.next(), "store_unavailable");
        client.send(WATCH_ON_TEST);
        feed.publish("on.test", "k", "{}");
        assertThat(client.next().handler()).isEqualTo("item");

        store.setAvailable(true);
        client.send("{\"handler\":\"all\",\"type\":\"nodes\"}");
        assertThat(client.next().handler()).isEqualTo("list");
    }

    @Test
    void badPaging_isBadParams() {
        Client client = connect(null);

        client.send("{\"handler\":\"query\",\"type\":\"nodes\",\"limit\":0}");
        assertError(client.next(), "bad_params");
        client.send("{\"handler\":\"query\",\"type\":\"nodes\",\"skip\":-1}");
        assertError(client.next(), "bad_params");
        client.send("{\"handler\":\"get\",\"type\":\"nodes\"}");
        assertError(client.next(), "bad_params");
    }

    private void insertNodes(int count) {
        for (int i = 0; i < count; i++) {
            store.insert(
                    "nodes",
                    decode(
                                    "{\"handler\":\"x\",\"_id\":\"n"
                                            + i
                                            + "\",\"name\":\"node-"
                                            + i
                                            + "\",\"rank\":"
                                            + i
                                            + "}")
                            .json());
        }
    }

    private Message decode(String text) {
        try {
            return codec.decode(text);
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }

    @Test
    void topicResources_doNotAnswerQueries() {
        Client client = connect(null);

        client.send("{\"handler\":\"query\",\"type\":\"workflows\",\"params\":{}}");

        assertError(client.next(), "not_supported");
    }

    @Test
    void tooManyWatches_isRefused() {
        Gateway small = gateway(GatewayLimits.defaults().withMaxWatches(2));
        RecordingClientConnection connection = new RecordingClientConnection();
        ClientSession session = small.connect(Client.anonymous(connection, null));

        for (int i = 0; i < 3; i++) {
            session.onText(
                    "{\"handler\":\"watch\",\"type\":\"mq\",\"params\":{\"exchange\":\"on.test\",\"routingKey\":\"k"
                            + i
                            + "\"}}");
        }

        assertThat(connection.sent()).singleElement().asString().contains("too_many_watches");
    }

    @Test
    void collectionWatch_translatesRackHdRecordEvents() {
        Client client = connect(null);
        client.send("{\"handler\":\"watch\",\"resource\":\"catalogs\"}");

        feed.publish(
                "on.waterline",
                "catalogs.created.c1",
                "{\"event\":\"created\",\"record\":{\"id\":\"c1\",\"source\":\"dmi\"}}");
        feed.publish(
                "on.waterline",
                "catalogs.updated.c1",
                "{\"event\":\"updated\",\"record\":{\"id\":\"c1\",\"source\":\"lldp\"}}");
        feed.publish(
                "on.waterline",
                "catalogs.destroyed.c1",
                "{\"event\":\"destroyed\",\"record\":{\"id\":\"c1\"}}");

        List<Message> events = client.drainMessages();
        assertThat(events).hasSize(3);
        assertThat(events.get(0).id().toString()).isEqualTo("[\"created\",\"c1\"]");
        assertThat(events.get(1).id().toString()).isEqualTo("[\"updated\",\"c1\"]");
        assertThat(events.get(1).data().get("source").textValue()).isEqualTo("lldp");
        assertThat(events.get(2).handler()).isEqualTo("remove");
        assertThat(events.get(2).id().textValue()).isEqualTo("c1");
        assertThat(events.get(2).params().get("id").textValue()).isEqualTo("c1");
        assertThat(events.get(2).json().get("resource").textValue()).isEqualTo("catalogs");
    }

    @Test
    void collectionWatchById_isPushedDownToTheRoutingKey() {
        Client client = connect(null);

        client.send("{\"handler\":\"watch\",\"type\":\"nodes\",\"params\":{\"id\":\"n1\"}}");

        assertThat(feed.bindings()).containsExactly(new TopicBinding("on.waterline", "nodes.*.n1"));
    }

    private static void assertError(Message message, String code) {
        assertThat(message.handler()).isEqualTo("error");
        assertThat(message.params().get("code").textValue()).isEqualTo(code);
        assertThat(message.params().get("message").textValue()).isNotBlank();
    }

    private Client connect(String channel) {
        RecordingClientConnection connection = new RecordingClientConnection();
        return new Client(
                connection, gateway.connect(Client.anonymous(connection, channel)), codec);
    }
}

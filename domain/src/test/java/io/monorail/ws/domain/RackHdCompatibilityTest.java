package io.monorail.ws.domain;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What RackHD's own clients (its web UI's live stores, on-wss's protocol tests) rely on: record
 * events keyed by their routing key's id, every event word forwarded, replies labelled as on-wss
 * labels them, and refusals as documented.
 */
class RackHdCompatibilityTest {
    private static final String GRAPH = "5f1c7a1e0000000000000001";
    private static final String MONGO_ID = "65f00000000000000000abcd";

    private final MessageCodec codec = new MessageCodec();
    private final InMemoryEventFeed feed = new InMemoryEventFeed();
    private final InMemoryResourceStore store = new InMemoryResourceStore();
    private final Gateway gateway =
            new Gateway(
                    ResourceCatalog.defaults(FilterLimits.defaults()),
                    new GatewayPorts(feed, store, new InMemorySessionStore(), new ManualClock(0)),
                    GatewayLimits.defaults(),
                    GatewaySecurity.open(),
                    Runnable::run);

    /** RackHD's graph store publishes a projected record keyed by the workflow's instanceId. */
    private void publishGraphUpdate(String status) {
        feed.publish(
                "on.waterline",
                "graphobjects.updated." + GRAPH,
                "{\"event\":\"updated\",\"record\":{\"_id\":\""
                        + MONGO_ID
                        + "\",\"id\":\""
                        + MONGO_ID
                        + "\",\"_status\":\""
                        + status
                        + "\"}}");
    }

    @Test
    void graphObjectUpdate_isKeyedByTheRoutingKeysInstanceId_notTheRecordsId() {
        Client ui = connect("graphObjs");
        ui.send("{\"handler\":\"watch\"}");

        publishGraphUpdate("succeeded");

        Message updated = ui.next();
        assertThat(updated.id().toString()).isEqualTo("[\"updated\",\"" + GRAPH + "\"]");
        assertThat(updated.data().get("_status").textValue()).isEqualTo("succeeded");
        assertThat(updated.data().get("id").textValue()).isEqualTo(MONGO_ID);
    }

    @Test
    void graphObjsWatchByIdOrInstanceId_receivesTheWorkflowsUpdates() {
        Client byId = connect(null);
        Client byInstanceId = connect(null);
        byId.send(
                "{\"handler\":\"watch\",\"resource\":\"graphObjs\",\"params\":{\"id\":\""
                        + GRAPH
                        + "\"}}");
        byInstanceId.send(
                "{\"handler\":\"watch\",\"resource\":\"graphObjs\",\"params\":{\"instanceId\":\""
                        + GRAPH
                        + "\"}}");

        publishGraphUpdate("running");

        assertThat(byId.next().id().get(1).textValue()).isEqualTo(GRAPH);
        assertThat(byInstanceId.next().id().get(1).textValue()).isEqualTo(GRAPH);
        assertThat(feed.bindings())
                .extracting(b -> b.routingKey())
                .containsExactly("graphobjects.*." + GRAPH);
    }

    @Test
    void graphObjsDestroyed_isARemoveOfTheInstanceId() {
        Client ui = connect("graphObjs");
        ui.send("{\"handler\":\"watch\"}");

        feed.publish(
                "on.waterline",
                "graphobjects.destroyed." + GRAPH,
                "{\"event\":\"destroyed\",\"record\":{\"id\":\""
                        + MONGO_ID
                        + "\",\"instanceId\":\""
                        + GRAPH
                        + "\"}}");

        Message removed = ui.next();
        assertThat(removed.handler()).isEqualTo("remove");
        assertThat(removed.id().textValue()).isEqualTo(GRAPH);
        assertThat(removed.params().get("id").textValue()).isEqualTo(GRAPH);
    }

    @Test
    void nodeTagEvents_areForwardedAsItemsWithTheirEventWord() {
        Client ui = connect(null);
        ui.send("{\"handler\":\"watch\",\"resource\":\"nodes\",\"params\":{\"type\":\"compute\"}}");
        String node = "{\"id\":\"n1\",\"type\":\"compute\",\"tags\":[\"rack-7\"]}";

        feed.publish(
                "on.waterline",
                "nodes.tag-added.n1",
                "{\"event\":\"tag-added\",\"record\":" + node + "}");
        feed.publish(
                "on.waterline",
                "nodes.tag-removed.n1",
                "{\"event\":\"tag-removed\",\"record\":" + node + "}");

        assertThat(ui.next().id().toString()).startsWith("[\"tag-added\",\"n1\"]");
        Message removedTag = ui.next();
        assertThat(removedTag.handler()).isEqualTo("item");
        assertThat(removedTag.id().toString()).isEqualTo("[\"tag-removed\",\"n1\"]");
        assertThat(removedTag.data().get("tags").get(0).textValue()).isEqualTo("rack-7");
    }

    @Test
    void recordWithoutId_takesTheRoutingKeysId() {
        Client ui = connect("skus");
        ui.send("{\"handler\":\"watch\"}");

        feed.publish("on.waterline", "skus.created.s1", "{\"event\":\"created\",\"record\":{}}");

        assertThat(ui.next().id().toString()).isEqualTo("[\"created\",\"s1\"]");
    }

    @Test
    void requestNamingNoResource_isAnsweredWithResource_andTypeIsEchoedWhenUsed() {
        store.insert("catalogs", json("{\"_id\":\"c1\",\"source\":\"dmi\"}"));
        Client onChannel = connect("catalogs");

        onChannel.send("{\"handler\":\"all\"}");
        Message list = onChannel.next();
        onChannel.send("{\"handler\":\"all\",\"type\":\"catalogs\"}");
        Message typed = onChannel.next();
        onChannel.send("{\"handler\":\"frobnicate\"}");
        Message error = onChannel.next();

        assertThat(list.json().get("resource").textValue()).isEqualTo("catalogs");
        assertThat(list.json().has("type")).isFalse();
        assertThat(typed.json().get("type").textValue()).isEqualTo("catalogs");
        assertThat(typed.json().has("resource")).isFalse();
        assertThat(error.json().has("resource")).isTrue();
        assertThat(error.json().has("type")).isFalse();
    }

    @Test
    void watchOnTheChannel_labelsItsEventsWithResource() {
        Client ui = connect("nodes");
        ui.send("{\"handler\":\"watch\"}");

        feed.publish("on.waterline", "nodes.created.n1", "{\"record\":{\"id\":\"n1\"}}");

        Message created = ui.next();
        assertThat(created.json().get("resource").textValue()).isEqualTo("nodes");
        assertThat(created.json().has("type")).isFalse();
    }

    @Test
    void getWithNullId_isAnItemWithoutData_andReadsNothing() {
        store.insert("catalogs", json("{\"_id\":\"c1\",\"source\":\"dmi\"}"));
        Client ui = connect(null);

        ui.send(
                "{\"handler\":\"get\",\"resource\":\"catalogs\",\"params\":{\"id\":null},\"ref\":7}");

        Message item = ui.next();
        assertThat(item.handler()).isEqualTo("item");
        assertThat(item.json().get("resource").textValue()).isEqualTo("catalogs");
        assertThat(item.json().has("data")).isFalse();
        assertThat(item.ref().intValue()).isEqualTo(7);
        assertThat(store.filtersSeen()).isEmpty();
    }

    /**
     * One event seen by watches of different resources: each frame names its own watch's resource,
     * whichever resource's watch the event reached first. Every pair of the default catalog's
     * resources that can see one {@code on.events} or {@code on.waterline} event is covered, in
     * both orders of subscription.
     */
    @Test
    void oneEventSeenByTwoResources_eachFrameNamesItsOwnResource() {
        List<Map.Entry<String, String>> watches =
                List.of(
                        Map.entry("mq", "{\"exchange\":\"on.events\",\"routingKey\":\"graph.#\"}"),
                        Map.entry("workflows", "{}"),
                        Map.entry("mq", "{\"exchange\":\"on.waterline\",\"routingKey\":\"#\"}"),
                        Map.entry("nodes", "{}"),
                        Map.entry("mq", "{\"exchange\":\"on.logging\",\"routingKey\":\"#\"}"),
                        Map.entry("logs", "{}"));
        List<String> checked = new ArrayList<>();
        for (int i = 0; i < watches.size(); i += 2) {
            for (boolean reversed : new boolean[] {false, true}) {
                Map.Entry<String, String> first = watches.get(i + (reversed ? 1 : 0));
                Map.Entry<String, String> second = watches.get(i + (reversed ? 0 : 1));
                Client a = connect(null);
                Client b = connect(null);
                Client both = connect(null);
                a.send(watch(first));
                b.send(watch(second));
                both.send(watch(second));
                both.send(watch(first));

                publishOneEventFor(i);

                assertThat(a.next().type()).isEqualTo(first.getKey());
                assertThat(b.next().type()).isEqualTo(second.getKey());
                assertThat(both.drainMessages())
                        .extracting(Message::type)
                        .containsExactlyInAnyOrder(first.getKey(), second.getKey());
                checked.add(first.getKey() + "+" + second.getKey());
                for (Client client : List.of(a, b, both)) {
                    client.drop();
                }
            }
        }
        assertThat(checked).hasSize(6);
    }

    @Test
    void watchDuringAnOutage_isBusUnavailable_evenWhenAnotherWatchHoldsItsBinding() {
        Client holder = connect(null);
        holder.send("{\"handler\":\"watch\",\"type\":\"workflows\"}");
        feed.setAvailable(false);
        Client late = connect(null);
        Client fresh = connect(null);

        late.send("{\"handler\":\"watch\",\"type\":\"workflows\",\"ref\":\"w\"}");
        fresh.send("{\"handler\":\"watch\",\"type\":\"logs\",\"ref\":\"l\"}");

        Message refused = late.next();
        assertThat(refused.handler()).isEqualTo("error");
        assertThat(refused.params().get("code").textValue()).isEqualTo("bus_unavailable");
        assertThat(refused.ref().textValue()).isEqualTo("w");
        assertThat(fresh.next().params().get("code").textValue()).isEqualTo("bus_unavailable");

        feed.setAvailable(true);
        feed.publish("on.events", "graph.started." + GRAPH, "{\"graphId\":\"" + GRAPH + "\"}");
        assertThat(late.drainMessages()).isEmpty();
        assertThat(holder.drainMessages()).extracting(Message::handler).contains("item");
    }

    private static String watch(Map.Entry<String, String> resourceAndParams) {
        return "{\"handler\":\"watch\",\"type\":\""
                + resourceAndParams.getKey()
                + "\",\"params\":"
                + resourceAndParams.getValue()
                + "}";
    }

    private void publishOneEventFor(int pair) {
        switch (pair) {
            case 0 ->
                    feed.publish(
                            "on.events",
                            "graph.started." + GRAPH,
                            "{\"graphId\":\"" + GRAPH + "\",\"status\":\"running\"}");
            case 2 ->
                    feed.publish(
                            "on.waterline",
                            "nodes.created.n1",
                            "{\"event\":\"created\",\"record\":{\"id\":\"n1\"}}");
            default ->
                    feed.publish(
                            "on.logging",
                            "info",
                            "{\"level\":\"info\",\"message\":\"m\",\"context\":{}}");
        }
    }

    private com.fasterxml.jackson.databind.node.ObjectNode json(String text) {
        try {
            return codec.parseObject(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Client connect(String channel) {
        RecordingClientConnection connection = new RecordingClientConnection();
        return new Client(
                connection, gateway.connect(Client.anonymous(connection, channel)), codec);
    }
}

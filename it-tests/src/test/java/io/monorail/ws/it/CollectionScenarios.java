package io.monorail.ws.it;

import static io.monorail.ws.app.demo.RackHdWriter.doc;
import static org.assertj.core.api.Assertions.assertThat;

import io.monorail.ws.app.GatewayApplication;
import io.monorail.ws.app.Settings;
import io.monorail.ws.app.demo.RackHdWriter;
import io.monorail.ws.app.embedded.EmbeddedMongoServer;
import io.monorail.ws.protocol.Message;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * RackHD's client flows on collection resources, over real sockets: records stored in MongoDB (the
 * embedded MongoDB-wire server) and their changes published to {@code on.waterline} as RackHD's
 * services do. Each subclass runs them against another broker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CollectionScenarios {
    private EmbeddedMongoServer mongo;
    private GatewayApplication gateway;
    private RackHdWriter rackhd;

    /** A value unique to this run, so runs against a shared broker never cross. */
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    /** Settings that select the broker. */
    protected abstract Map<String, String> brokerSettings();

    /**
     * True when each filtered watch remembers the documents it showed on its own (cluster mode),
     * false when all watches of one filter share what they showed (one instance).
     */
    protected boolean tracksPerWatch() {
        return false;
    }

    @BeforeAll
    void start() throws Exception {
        mongo = new EmbeddedMongoServer();
        mongo.start(0);
        Map<String, String> settings = new HashMap<>(brokerSettings());
        settings.put("port", "0");
        settings.putIfAbsent("embedded_amqp_port", "0");
        settings.put("mongo_uri", mongo.connectionString());
        gateway = GatewayApplication.create(Settings.of(settings));
        gateway.start();
        Health.awaitBus(gateway);
        rackhd = new RackHdWriter(mongo.connectionString(), "pxe", gateway.amqpUri());
    }

    @AfterAll
    void stop() {
        if (rackhd != null) {
            rackhd.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (mongo != null) {
            mongo.stop();
        }
    }

    @Test
    void queryCatalogsWithResource_answersListWithResource() throws Exception {
        ObjectId node = new ObjectId();
        rackhd.create("catalogs", doc("node", node, "source", "dmi-" + run, "data", doc("x", 1)));
        rackhd.create("catalogs", doc("node", node, "source", "lldp-" + run, "data", doc("x", 2)));

        try (WsTestClient client = connect("/")) {
            Message list =
                    client.request(
                            "{\"handler\":\"query\",\"resource\":\"catalogs\",\"params\":{\"source\":\"dmi-"
                                    + run
                                    + "\"}}");

            assertThat(list.handler()).isEqualTo("list");
            assertThat(list.json().get("resource").textValue()).isEqualTo("catalogs");
            assertThat(list.items())
                    .singleElement()
                    .satisfies(
                            item -> {
                                assertThat(item.get("source").textValue()).isEqualTo("dmi-" + run);
                                assertThat(item.get("id").textValue()).hasSize(24);
                                assertThat(item.get("node").textValue())
                                        .isEqualTo(node.toHexString());
                                assertThat(item.has("_id")).isFalse();
                                assertThat(item.get("createdAt").textValue()).endsWith("Z");
                            });
        }
    }

    @Test
    void queryByNodeHexString_matchesTheStoredObjectId() throws Exception {
        ObjectId node = new ObjectId();
        rackhd.create("catalogs", doc("node", node, "source", "ohai", "data", doc()));

        try (WsTestClient client = connect("/")) {
            Message list =
                    client.request(
                            "{\"handler\":\"query\",\"resource\":\"catalogs\",\"params\":{\"node\":\""
                                    + node.toHexString()
                                    + "\"}}");

            assertThat(list.items()).hasSize(1);
        }
    }

    @Test
    void allOnAChannelUrl_listsNodes() throws Exception {
        Document node = rackhd.create("nodes", doc("name", "all-" + run, "type", "compute"));

        try (WsTestClient client = connect("/nodes")) {
            Message list = client.request("{\"handler\":\"all\"}");

            assertThat(list.handler()).isEqualTo("list");
            assertThat(list.items())
                    .anySatisfy(
                            item ->
                                    assertThat(item.get("id").textValue())
                                            .isEqualTo(RackHdWriter.id(node)));
        }
    }

    @Test
    void getExisting_isItem_andMissing_isRemove() throws Exception {
        Document node = rackhd.create("nodes", doc("name", "get-" + run));
        String id = RackHdWriter.id(node);
        String missing = new ObjectId().toHexString();

        try (WsTestClient client = connect("/")) {
            Message item =
                    client.request(
                            "{\"handler\":\"get\",\"resource\":\"nodes\",\"params\":{\"id\":\""
                                    + id
                                    + "\"}}");
            assertThat(item.handler()).isEqualTo("item");
            assertThat(item.id().textValue()).isEqualTo(id);
            assertThat(item.data().get("name").textValue()).isEqualTo("get-" + run);

            Message remove =
                    client.request(
                            "{\"handler\":\"get\",\"resource\":\"nodes\",\"params\":{\"id\":\""
                                    + missing
                                    + "\"}}");
            assertThat(remove.handler()).isEqualTo("remove");
            assertThat(remove.params().get("id").textValue()).isEqualTo(missing);
        }
    }

    @Test
    void watchCatalogs_receivesCreatedUpdatedDestroyed_andStopEndsIt() throws Exception {
        try (WsTestClient client = connect("/")) {
            watch(client, "{\"handler\":\"watch\",\"resource\":\"catalogs\"}");
            watch(client, "{\"handler\":\"watch\",\"resource\":\"skus\"}");

            Document catalog =
                    rackhd.create(
                            "catalogs",
                            doc("node", new ObjectId(), "source", "dmi", "data", doc("v", 1)));
            String id = RackHdWriter.id(catalog);
            Message created = client.next();
            assertThat(created.handler()).isEqualTo("item");
            assertThat(created.json().get("resource").textValue()).isEqualTo("catalogs");
            assertThat(created.id().toString()).isEqualTo("[\"created\",\"" + id + "\"]");
            assertThat(created.data().get("id").textValue()).isEqualTo(id);

            catalog.put("data", doc("v", 2));
            rackhd.update("catalogs", catalog);
            Message updated = client.next();
            assertThat(updated.id().toString()).isEqualTo("[\"updated\",\"" + id + "\"]");
            assertThat(updated.data().at("/data/v").intValue()).isEqualTo(2);

            rackhd.destroy("catalogs", catalog);
            Message removed = client.next();
            assertThat(removed.handler()).isEqualTo("remove");
            assertThat(removed.id().textValue()).isEqualTo(id);
            assertThat(removed.params().get("id").textValue()).isEqualTo(id);
            assertThat(removed.seq().getAsLong()).isGreaterThan(updated.seq().getAsLong());

            client.send("{\"handler\":\"stop\",\"resource\":\"catalogs\"}");
            assertThat(client.request("{\"handler\":\"init\"}").handler()).isEqualTo("session");
            rackhd.create("catalogs", doc("source", "after-stop"));
            Document sku = rackhd.create("skus", doc("name", "marker-" + run));

            // One queue delivers in order: the marker first proves the catalog never comes.
            Message marker = client.next();
            assertThat(marker.json().get("resource").textValue()).isEqualTo("skus");
            assertThat(marker.data().get("id").textValue()).isEqualTo(RackHdWriter.id(sku));
        }
    }

    @Test
    void watchNarrowedToOneNode_seesOnlyThatNode() throws Exception {
        Document mine = rackhd.create("nodes", doc("name", "mine-" + run));
        Document other = rackhd.create("nodes", doc("name", "other-" + run));
        try (WsTestClient client = connect("/")) {
            watch(
                    client,
                    "{\"handler\":\"watch\",\"resource\":\"nodes\",\"params\":{\"id\":\""
                            + RackHdWriter.id(mine)
                            + "\"}}");
            watch(
                    client,
                    "{\"handler\":\"watch\",\"resource\":\"catalogs\",\"params\":{\"node\":\""
                            + RackHdWriter.id(mine)
                            + "\"}}");

            other.put("tags", List.of("x"));
            rackhd.update("nodes", other);
            rackhd.create("catalogs", doc("node", other.getObjectId("_id"), "source", "dmi"));
            rackhd.create("catalogs", doc("node", mine.getObjectId("_id"), "source", "dmi"));
            mine.put("tags", List.of("y"));
            rackhd.update("nodes", mine);

            Message catalog = client.next();
            assertThat(catalog.json().get("resource").textValue()).isEqualTo("catalogs");
            assertThat(catalog.data().get("node").textValue()).isEqualTo(RackHdWriter.id(mine));
            Message node = client.next();
            assertThat(node.id().toString())
                    .isEqualTo("[\"updated\",\"" + RackHdWriter.id(mine) + "\"]");
        }
    }

    @Test
    void forbiddenOperators_areRefusedAtAnyDepth() throws Exception {
        List<String> hostile =
                List.of(
                        "{\"$where\":\"sleep(100)\"}",
                        "{\"name\":{\"$function\":{\"body\":\"x\",\"args\":[],\"lang\":\"js\"}}}",
                        "{\"$expr\":{\"$eq\":[\"$a\",\"$b\"]}}",
                        "{\"$and\":[{\"$or\":[{\"a\":{\"$accumulator\":{}}}]}]}",
                        "{\"$jsonSchema\":{}}",
                        "{\"tags\":{\"$elemMatch\":{\"$where\":\"1\"}}}",
                        "{\"a\":{\"$not\":{\"$where\":\"1\"}}}",
                        "{\"a\":{\"$in\":[{\"$where\":\"1\"}]}}");
        try (WsTestClient client = connect("/")) {
            for (String filter : hostile) {
                client.send(
                        "{\"handler\":\"query\",\"resource\":\"nodes\",\"params\":" + filter + "}");
                client.nextError("forbidden_operator");
                client.send(
                        "{\"handler\":\"watch\",\"resource\":\"nodes\",\"params\":" + filter + "}");
                client.nextError("forbidden_operator");
            }
            client.send(
                    "{\"handler\":\"query\",\"resource\":\"nodes\",\"params\":{\"$where\":\"1\"}}");
            assertThat(client.nextError("forbidden_operator").params().get("message").textValue())
                    .contains("$where");

            assertThat(client.request("{\"handler\":\"all\",\"resource\":\"skus\"}").handler())
                    .isEqualTo("list");
        }
    }

    @Test
    void workflowRowOfRackHdsUi_isKeyedByTheInstanceIdOfTheRoutingKey() throws Exception {
        String instanceId = UUID.randomUUID().toString();
        Document graph =
                rackhd.create(
                        "graphobjects",
                        doc(
                                "instanceId",
                                instanceId,
                                "name",
                                "Graph.Discovery",
                                "_status",
                                "running"));
        try (WsTestClient ui = connect("/graphObjs");
                WsTestClient byInstance = connect("/");
                WsTestClient byId = connect("/")) {
            watch(ui, "{\"handler\":\"watch\"}");
            watch(
                    byInstance,
                    "{\"handler\":\"watch\",\"resource\":\"graphObjs\",\"params\":{\"instanceId\":\""
                            + instanceId
                            + "\"}}");
            watch(
                    byId,
                    "{\"handler\":\"watch\",\"resource\":\"graphObjs\",\"params\":{\"id\":\""
                            + instanceId
                            + "\"}}");

            // As RackHD's task graph store does on a task's state change: a projected record.
            rackhd.publishRecord(
                    "graphobjects",
                    "updated",
                    instanceId,
                    doc("_id", graph.get("_id"), "_status", "succeeded"));

            Message row = ui.next();
            assertThat(row.json().get("resource").textValue()).isEqualTo("graphObjs");
            assertThat(row.id().toString()).isEqualTo("[\"updated\",\"" + instanceId + "\"]");
            assertThat(row.data().get("_status").textValue()).isEqualTo("succeeded");
            assertThat(byInstance.next().id().get(1).textValue()).isEqualTo(instanceId);
            assertThat(byId.next().id().get(1).textValue()).isEqualTo(instanceId);
        }
    }

    @Test
    void nodeTagAddedAndRemoved_areForwardedAsItemsWithTheirEventWord() throws Exception {
        Document node = rackhd.create("nodes", doc("name", "tags-" + run, "tags", List.of()));
        String id = RackHdWriter.id(node);
        try (WsTestClient ui = connect("/nodes")) {
            watch(ui, "{\"handler\":\"watch\",\"params\":{\"id\":\"" + id + "\"}}");

            node.put("tags", List.of("rack-7"));
            rackhd.publishRecord("nodes", "tag-added", id, node);
            node.put("tags", List.of());
            rackhd.publishRecord("nodes", "tag-removed", id, node);

            Message added = ui.next();
            assertThat(added.handler()).isEqualTo("item");
            assertThat(added.id().toString()).isEqualTo("[\"tag-added\",\"" + id + "\"]");
            assertThat(added.data().get("tags").get(0).textValue()).isEqualTo("rack-7");
            assertThat(ui.next().id().toString()).isEqualTo("[\"tag-removed\",\"" + id + "\"]");
        }
    }

    @Test
    void getWithNullIdOnAChannel_isAnItemWithoutData_labelledWithResource() throws Exception {
        rackhd.create("catalogs", doc("node", new ObjectId(), "source", "dmi"));
        try (WsTestClient client = connect("/catalogs")) {
            Message item = client.request("{\"handler\":\"get\",\"params\":{\"id\":null}}");

            assertThat(item.handler()).isEqualTo("item");
            assertThat(item.json().get("resource").textValue()).isEqualTo("catalogs");
            assertThat(item.json().has("data")).isFalse();
        }
    }

    @Test
    void nodeThatStopsMatchingAFilteredWatch_leaves_andEntersWhenItMatchesAgain() throws Exception {
        String rack = "rack-" + run;
        Document listed =
                rackhd.create("nodes", doc("name", "listed", "type", "compute", "rack", rack));
        try (WsTestClient live = connect("/");
                WsTestClient snapshot = connect("/")) {
            String filter = "{\"type\":\"compute\",\"rack\":\"" + rack + "\"}";
            watch(live, "{\"handler\":\"watch\",\"type\":\"nodes\",\"params\":" + filter + "}");
            // The list is the snapshot watch's answer: the watch is bound once it arrives.
            Message list =
                    snapshot.request(
                            "{\"handler\":\"watch\",\"type\":\"nodes\",\"snapshot\":true,\"params\":"
                                    + filter
                                    + "}");
            assertThat(list.handler()).isEqualTo("list");
            assertThat(list.items())
                    .extracting(i -> i.get("id").textValue())
                    .containsExactly(RackHdWriter.id(listed));

            Document node =
                    rackhd.create("nodes", doc("name", "moving", "type", "compute", "rack", rack));
            String id = RackHdWriter.id(node);
            node.put("type", "switch");
            rackhd.update("nodes", node);
            node.put("type", "compute");
            rackhd.update("nodes", node);
            listed.put("type", "switch");
            rackhd.update("nodes", listed);

            assertThat(List.of(live.next(), live.next(), live.next()))
                    .extracting(
                            m ->
                                    m.handler()
                                            + " "
                                            + m.id()
                                            + " "
                                            + m.json().path("reason").asText("-"))
                    .containsExactly(
                            "item [\"created\",\"" + id + "\"] -",
                            "remove \"" + id + "\" leave",
                            "item [\"updated\",\"" + id + "\"] enter");
            if (tracksPerWatch()) {
                // Each watch remembers what it showed: the live one never showed the listed node,
                // so its leave is not news to it.
                assertThat(live.nextOrNull()).isNull();
            } else {
                // The live watch never saw the listed node: its leave is news to the group, and
                // only the snapshot watch, whose list showed it, and the live one (same filter)
                // hear it.
                Message leave = live.next();
                assertThat(leave.handler()).isEqualTo("remove");
                assertThat(leave.id().textValue()).isEqualTo(RackHdWriter.id(listed));
            }
            List<Message> seen =
                    List.of(snapshot.next(), snapshot.next(), snapshot.next(), snapshot.next());
            assertThat(seen.get(3).id().textValue()).isEqualTo(RackHdWriter.id(listed));
            assertThat(seen.get(3).json().get("reason").textValue()).isEqualTo("leave");
        }
    }

    @Test
    void oneWorkflowEventSeenAsMqAndAsWorkflows_eachFrameNamesItsOwnResource() throws Exception {
        String graphId = UUID.randomUUID().toString();
        try (WsTestClient mq = connect("/");
                WsTestClient workflows = connect("/");
                WsTestClient both = connect("/")) {
            String mqWatch =
                    "{\"handler\":\"watch\",\"type\":\"mq\",\"params\":{\"exchange\":\"on.events\",\"routingKey\":\"graph.#\"}}";
            String workflowsWatch =
                    "{\"handler\":\"watch\",\"type\":\"workflows\",\"params\":{\"graphId\":\""
                            + graphId
                            + "\"}}";
            watch(mq, mqWatch);
            watch(workflows, workflowsWatch);
            watch(both, workflowsWatch);
            watch(both, mqWatch);

            rackhd.publish(
                    "on.events",
                    "graph.started." + graphId,
                    Map.of("graphId", graphId, "status", "running"));

            assertThat(mq.next().type()).isEqualTo("mq");
            assertThat(workflows.next().type()).isEqualTo("workflows");
            assertThat(List.of(both.next().type(), both.next().type()))
                    .containsExactlyInAnyOrder("mq", "workflows");
        }
    }

    private WsTestClient connect(String path) throws Exception {
        return WsTestClient.connect(gateway.webSocketUri().resolve(path));
    }

    /** Sends a watch and proves it is in place with a round trip (frames are handled in order). */
    private static void watch(WsTestClient client, String frame) throws Exception {
        client.send(frame);
        assertThat(client.request("{\"handler\":\"init\"}").handler())
                .as("after %s", frame)
                .isEqualTo("session");
    }
}

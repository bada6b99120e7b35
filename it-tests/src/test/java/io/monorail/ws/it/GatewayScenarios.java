package io.monorail.ws.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.monorail.ws.app.GatewayApplication;
import io.monorail.ws.protocol.Message;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The foundation's end-to-end behaviour, over real sockets against a running gateway. Each subclass
 * runs it against another broker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GatewayScenarios {
    /** An allowed exchange that exists with other attributes than RackHD's (fanout). */
    private static final String MISMATCHED = "it.mismatched";

    private GatewayApplication gateway;
    private Publisher publisher;

    /** Routing keys unique to this run, so runs against a shared broker never cross. */
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    /** Settings that select the broker; port settings are added here. */
    protected abstract Map<String, String> brokerSettings();

    @BeforeAll
    void startGateway() throws Exception {
        Map<String, String> settings = new HashMap<>(brokerSettings());
        settings.put("mq_exchanges", "on.events,on.logging,on.waterline,on.test," + MISMATCHED);
        gateway = TestGateways.start(settings);
        publisher = new Publisher(gateway.amqpUri());
    }

    @AfterAll
    void stopGateway() throws Exception {
        if (publisher != null) {
            publisher.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void init_answersSession() throws Exception {
        try (WsTestClient client = connect("/")) {
            Message session = client.request("{\"handler\":\"init\"}");

            assertThat(session.handler()).isEqualTo("session");
            assertThat(session.id().textValue()).hasSizeGreaterThanOrEqualTo(22);
        }
    }

    @Test
    void health_isUpWhenTheBusIsConnected() throws Exception {
        Health.awaitBus(gateway);
        HttpResponse<String> response = Health.get(gateway);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("up");
    }

    @Test
    void metrics_countWhatTheGatewayDoes() throws Exception {
        try (WsTestClient client = connect("/")) {
            watchMq(client, key("metrics"));
            publisher.publish("on.test", key("metrics"), "{}");
            client.next();

            HttpResponse<String> metrics =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            "http://"
                                                                    + gateway.webSocketUri()
                                                                            .getAuthority()
                                                                    + "/metrics"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());

            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body())
                    .contains("monorail_connections ")
                    .contains("monorail_deliveries_total ")
                    .contains("monorail_takeovers_total ")
                    .contains("monorail_bus_up 1.0")
                    .contains("jvm_memory_used_bytes");
        }
    }

    @Test
    void watchMq_receivesRoutingKeyAsIdAndBodyAsData() throws Exception {
        try (WsTestClient client = connect("/")) {
            watchMq(client, "#");

            publisher.publish("on.test", key("node.discovered"), "{\"nodeId\":\"n1\"}");

            Message item = client.next();
            assertThat(item.handler()).isEqualTo("item");
            assertThat(item.type()).isEqualTo("mq");
            assertThat(item.id().textValue()).isEqualTo(key("node.discovered"));
            assertThat(item.data().get("nodeId").textValue()).isEqualTo("n1");
            assertThat(item.seq()).isPresent();
        }
    }

    @Test
    void stopWithTheSameParams_nothingMoreArrives() throws Exception {
        try (WsTestClient client = connect("/")) {
            watchMq(client, key("data.#"));
            watchMq(client, key("marker"));
            publisher.publish("on.test", key("data.one"), "1");
            assertThat(client.next().id().textValue()).isEqualTo(key("data.one"));

            client.send(mqFrame("stop", key("data.#")));
            // stop has no reply: a round trip proves the gateway processed it.
            assertThat(client.request("{\"handler\":\"init\"}").handler()).isEqualTo("session");
            publisher.publish("on.test", key("data.two"), "2");
            publisher.publish("on.test", key("marker"), "3");

            // One queue delivers in order: the marker arriving first proves data.two never will.
            assertThat(client.next().id().textValue()).isEqualTo(key("marker"));
            assertThat(client.pending()).isZero();
        }
    }

    @Test
    void twoClientsOnTheSameWatch_bothReceive_andOneStopLeavesTheOther() throws Exception {
        try (WsTestClient a = connect("/");
                WsTestClient b = connect("/")) {
            watchMq(a, key("shared.#"));
            watchMq(b, key("shared.#"));
            publisher.publish("on.test", key("shared.1"), "{}");
            assertThat(a.next().id().textValue()).isEqualTo(key("shared.1"));
            assertThat(b.next().id().textValue()).isEqualTo(key("shared.1"));

            a.send(mqFrame("stop", key("shared.#")));
            assertThat(a.request("{\"handler\":\"init\"}").handler()).isEqualTo("session");
            publisher.publish("on.test", key("shared.2"), "{}");

            assertThat(b.next().id().textValue()).isEqualTo(key("shared.2"));
        }
    }

    @Test
    void workflowsNarrowedByGraphId_receiveOnlyThatGraph() throws Exception {
        String mine = "g-" + run;
        try (WsTestClient client = connect("/")) {
            watch(
                    client,
                    "{\"handler\":\"watch\",\"type\":\"workflows\",\"params\":{\"graphId\":\""
                            + mine
                            + "\"}}");

            publisher.publish(
                    "on.events",
                    "graph.started.other-" + run,
                    "{\"graphId\":\"other-" + run + "\"}");
            publisher.publish(
                    "on.events",
                    "graph.started." + mine,
                    "{\"graphId\":\"" + mine + "\",\"graphName\":\"Discovery\"}");
            publisher.publish(
                    "on.events",
                    "default.task.finished",
                    "{\"graphId\":\"" + mine + "\",\"taskId\":\"t1\",\"state\":\"succeeded\"}");
            publisher.publish(
                    "on.events",
                    "graph.finished." + mine,
                    "{\"graphId\":\"" + mine + "\",\"status\":\"succeeded\"}");

            assertThat(client.next().id().textValue()).isEqualTo("graph.started." + mine);
            assertThat(client.next().data().get("taskId").textValue()).isEqualTo("t1");
            Message finished = client.next();
            assertThat(finished.id().textValue()).isEqualTo("graph.finished." + mine);
            assertThat(finished.data().get("status").textValue()).isEqualTo("succeeded");
        }
    }

    @Test
    void channelUrl_namesTheDefaultResource() throws Exception {
        try (WsTestClient client = connect("/mq")) {
            watch(
                    client,
                    "{\"handler\":\"watch\",\"params\":{\"exchange\":\"on.test\",\"routingKey\":\""
                            + key("chan")
                            + "\"}}");

            publisher.publish("on.test", key("chan"), "\"text body\"");

            Message item = client.next();
            assertThat(item.type()).isEqualTo("mq");
            assertThat(item.data().textValue()).isEqualTo("text body");
        }
    }

    @Test
    void badFrames_getTheirErrorCodes_andTheConnectionStaysUsable() throws Exception {
        try (WsTestClient client = connect("/")) {
            client.send("{oops");
            client.nextError("bad_json");
            client.send("[\"init\"]");
            client.nextError("bad_json");
            client.send("{\"handler\":\"init\",\"handler\":\"init\"}");
            client.nextError("bad_json");
            client.send("{\"handler\":" + "[".repeat(100) + "]".repeat(100) + "}");
            client.nextError("bad_json");
            client.send("{\"type\":\"nodes\"}");
            client.nextError("missing_handler");
            client.send("{\"handler\":42}");
            client.nextError("missing_handler");
            client.send("{\"handler\":\"teleport\",\"ref\":\"r9\"}");
            assertThat(client.nextError("unknown_handler").ref().textValue()).isEqualTo("r9");
            client.send("{\"handler\":\"watch\",\"type\":\"unicorns\"}");
            client.nextError("unknown_type");
            client.send(
                    "{\"handler\":\"watch\",\"type\":\"mq\",\"params\":{\"exchange\":\"amq.direct\"}}");
            client.nextError("forbidden");
            client.send(
                    "{\"handler\":\"watch\",\"type\":\"workflows\",\"params\":{\"graphId\":{\"$where\":\"1\"}}}");
            client.nextError("forbidden_operator");
            client.sendBinary(new byte[] {1, 2, 3});
            client.nextError("bad_json");

            assertThat(client.request("{\"handler\":\"init\"}").handler()).isEqualTo("session");
        }
    }

    @Test
    void exchangeThatExistsWithOtherAttributes_isAClearError_andTheConnectionSurvives()
            throws Exception {
        publisher.declareFanout(MISMATCHED);
        try (WsTestClient client = connect("/")) {
            Health.awaitBus(gateway);
            client.send(
                    "{\"handler\":\"watch\",\"type\":\"mq\",\"params\":{\"exchange\":\""
                            + MISMATCHED
                            + "\"}}");
            Message error = client.nextError("bad_params");
            assertThat(error.params().get("message").textValue()).contains(MISMATCHED);

            watchMq(client, key("after-mismatch"));
            publisher.publish("on.test", key("after-mismatch"), "{}");
            assertThat(client.next().id().textValue()).isEqualTo(key("after-mismatch"));
        }
    }

    @Test
    void bodyThatIsNotJson_arrivesAsAString() throws Exception {
        try (WsTestClient client = connect("/")) {
            watchMq(client, key("raw"));

            publisher.publish("on.test", key("raw"), "not { json");

            assertThat(client.next().data().textValue()).isEqualTo("not { json");
        }
    }

    /** A key unique to this run. */
    private String key(String suffix) {
        return "it." + run + "." + suffix;
    }

    private WsTestClient connect(String path) throws Exception {
        return WsTestClient.connect(gateway.webSocketUri().resolve(path));
    }

    private void watchMq(WsTestClient client, String routingKey) throws Exception {
        watch(client, mqFrame("watch", routingKey));
    }

    private static String mqFrame(String handler, String routingKey) {
        return "{\"handler\":\""
                + handler
                + "\",\"type\":\"mq\",\"params\":{\"exchange\":\"on.test\",\"routingKey\":\""
                + routingKey
                + "\"}}";
    }

    /**
     * Sends a watch and makes sure it is in place: the gateway answers a watch only when it fails,
     * so a following round trip proves the binding request was processed, and the bus confirms
     * bindings before the watch counts as live.
     */
    private void watch(WsTestClient client, String frame) throws Exception {
        Health.awaitBus(gateway);
        client.send(frame);
        Message reply = client.request("{\"handler\":\"init\"}");
        assertThat(reply.handler()).as("reply after %s", frame).isEqualTo("session");
    }
}

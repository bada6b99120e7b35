package io.monorail.ws.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.monorail.ws.app.GatewayApplication;
import io.monorail.ws.app.embedded.EmbeddedAmqpBroker;
import io.monorail.ws.app.embedded.EmbeddedMongoServer;
import io.monorail.ws.domain.testing.Await;
import io.monorail.ws.protocol.Message;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway outlives its servers: a broker that is down at start or goes away later, a MongoDB
 * that stops. It keeps serving what it can, says what it cannot, and recovers by itself.
 */
class OutageIT {
    private static final Duration RECOVERY = Duration.ofSeconds(60);
    private static final String WATCH =
            "{\"handler\":\"watch\",\"type\":\"mq\",\"params\":{\"exchange\":\"on.test\",\"routingKey\":\"outage.#\"}}";

    private GatewayApplication gateway;
    private EmbeddedAmqpBroker broker;
    private EmbeddedMongoServer mongo;

    @AfterEach
    void stopAll() {
        if (gateway != null) {
            gateway.close();
        }
        if (broker != null) {
            broker.stop();
        }
        if (mongo != null) {
            mongo.stop();
        }
    }

    @Test
    void brokerDownAtStartAndLater_gatewayKeepsServing_andRecoversWatches() throws Exception {
        int amqpPort = freePort();
        gateway = start(Map.of("amqp_uri", "amqp://guest:guest@127.0.0.1:" + amqpPort));

        try (WsTestClient client = WsTestClient.connect(gateway.webSocketUri())) {
            assertThat(health()).isEqualTo(503);
            assertThat(client.request("{\"handler\":\"init\"}").handler()).isEqualTo("session");
            client.send(WATCH);
            client.nextError("bus_unavailable");

            broker = new EmbeddedAmqpBroker();
            broker.start(amqpPort);
            Await.until(() -> health() == 200, "health 200 once the broker is up", RECOVERY);
            client.send(WATCH);
            assertThat(client.request("{\"handler\":\"init\"}").handler()).isEqualTo("session");
            try (Publisher publisher = new Publisher(broker.amqpUri())) {
                publisher.publish("on.test", "outage.one", "1");
            }
            assertThat(client.next().id().textValue()).isEqualTo("outage.one");

            broker.stop();
            Await.until(() -> health() == 503, "health 503 once the broker is gone", RECOVERY);
            // A watch whose binding another watch already holds is refused all the same.
            try (WsTestClient late = WsTestClient.connect(gateway.webSocketUri())) {
                late.send(WATCH.replace("}}", "},\"ref\":\"late\"}"));
                assertThat(late.nextError("bus_unavailable").ref().textValue()).isEqualTo("late");
            }
            broker = new EmbeddedAmqpBroker();
            broker.start(amqpPort);
            Await.until(() -> health() == 200, "health 200 once the broker is back", RECOVERY);

            // The loss is not silent: the watcher is told, then its watch, bound again on the new
            // queue, goes on.
            Message notice = client.nextError("bus_unavailable");
            assertThat(notice.params().get("message").textValue()).contains("query again");
            try (Publisher publisher = new Publisher(broker.amqpUri())) {
                publisher.publish("on.test", "outage.two", "2");
            }
            Message after = client.next();
            assertThat(after.id().textValue()).isEqualTo("outage.two");
        }
    }

    @Test
    void storeStopped_isStoreUnavailable_watchesGoOn_andQueriesRecover() throws Exception {
        mongo = new EmbeddedMongoServer();
        mongo.start(0);
        int mongoPort = mongo.port();
        gateway = start(Map.of("mongo_uri", mongo.connectionString()));

        try (WsTestClient client = WsTestClient.connect(gateway.webSocketUri())) {
            assertThat(client.request("{\"handler\":\"all\",\"type\":\"nodes\"}").handler())
                    .isEqualTo("list");

            mongo.stop();
            client.send("{\"handler\":\"all\",\"type\":\"nodes\"}");
            Message error = client.nextError("store_unavailable");
            assertThat(error.params().get("message").textValue()).doesNotContain("127.0.0.1");

            client.send(WATCH);
            assertThat(client.request("{\"handler\":\"init\"}").handler()).isEqualTo("session");
            try (Publisher publisher = new Publisher(gateway.amqpUri())) {
                publisher.publish("on.test", "outage.store", "{}");
            }
            assertThat(client.next().id().textValue()).isEqualTo("outage.store");

            mongo = new EmbeddedMongoServer();
            mongo.start(mongoPort);
            Await.until(
                    () ->
                            client.request("{\"handler\":\"all\",\"type\":\"nodes\"}")
                                    .handler()
                                    .equals("list"),
                    "queries answer again once MongoDB is back",
                    RECOVERY);
        }
    }

    private GatewayApplication start(Map<String, String> overrides) {
        return TestGateways.start(overrides);
    }

    private int health() throws Exception {
        return Health.get(gateway).statusCode();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

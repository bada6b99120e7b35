package io.monorail.ws.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.monorail.ws.app.GatewayApplication;
import io.monorail.ws.app.Settings;
import io.monorail.ws.protocol.Message;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code MONORAIL_CHANGES=changestream}: document changes come from MongoDB change streams, for
 * writers that do not publish to RabbitMQ. The embedded server supports inserts and deletes;
 * updates need a real MongoDB replica set (covered by the adapter's Testcontainers test, which is
 * skipped where Docker does not run).
 */
class ChangeStreamIT {
    private GatewayApplication gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void writesWithoutAnyBusEvent_reachWatchersFromTheChangeStream() throws Exception {
        gateway = TestGateways.startConnected(Map.of("changes", "changestream"));
        try (MongoClient mongo = MongoClients.create(gateway.mongoUri());
                WsTestClient client =
                        WsTestClient.connect(gateway.webSocketUri().resolve("/nodes"))) {
            client.send("{\"handler\":\"watch\"}");
            assertThat(client.request("{\"handler\":\"init\"}").handler()).isEqualTo("session");
            MongoCollection<Document> nodes = mongo.getDatabase("pxe").getCollection("nodes");
            ObjectId id = new ObjectId();

            nodes.insertOne(new Document("_id", id).append("name", "from-mongo"));
            Message created = client.next();
            assertThat(created.id().toString())
                    .isEqualTo("[\"created\",\"" + id.toHexString() + "\"]");
            assertThat(created.data().get("name").textValue()).isEqualTo("from-mongo");

            nodes.deleteOne(Filters.eq("_id", id));
            Message removed = client.next();
            assertThat(removed.handler()).isEqualTo("remove");
            assertThat(removed.id().textValue()).isEqualTo(id.toHexString());
        }
    }

    @Test
    void unknownChangeSource_isAClearSettingsError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> Settings.of(Map.of("changes", "telepathy")).changeStreams())
                .hasMessageContaining("MONORAIL_CHANGES")
                .hasMessageContaining("changestream");
    }
}

package io.monorail.ws.adapter.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.monorail.ws.domain.port.out.BusEvent;
import io.monorail.ws.domain.port.out.EventFeedException;
import io.monorail.ws.domain.port.out.TopicBinding;
import io.monorail.ws.domain.testing.RecordingSink;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The change-stream feed against a real MongoDB 7 in Docker, where updates are reported right;
 * skipped where Docker is missing. Testcontainers 2 starts a standalone server unless asked for a
 * (single-node) replica set, which gives the standalone case too.
 */
@Testcontainers(disabledWithoutDocker = true)
class MongoChangeStreamFeedContainerIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String DATABASE = "pxe_changes";
    private static final TopicBinding NODES = new TopicBinding("on.waterline", "nodes.#");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Container
    private static final MongoDBContainer REPLICA_SET =
            new MongoDBContainer("mongo:7").withReplicaSet();

    @Container private static final MongoDBContainer STANDALONE = new MongoDBContainer("mongo:7");

    private final RecordingSink sink = new RecordingSink(WAIT);
    private MongoChangeStreamFeed feed;

    @AfterEach
    void stopFeed() {
        if (feed != null) {
            feed.stop();
        }
    }

    @Test
    void createdUpdatedAndDestroyed_carryTheRecordAsRackHdPublishesIt() throws Exception {
        startFeed(REPLICA_SET.getConnectionString());
        feed.bind(NODES).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        ObjectId id = new ObjectId();
        String hex = id.toHexString();

        try (MongoClient writer = MongoClients.create(REPLICA_SET.getConnectionString())) {
            MongoCollection<Document> nodes = writer.getDatabase(DATABASE).getCollection("nodes");
            nodes.insertOne(new Document("_id", id).append("name", "n1").append("cpus", 2));
            nodes.updateOne(Filters.eq("_id", id), Updates.set("name", "n2"));
            nodes.replaceOne(Filters.eq("_id", id), new Document("name", "n3"));
            nodes.deleteOne(Filters.eq("_id", id));
        }

        BusEvent created = next();
        assertThat(created.routingKey()).isEqualTo("nodes.created." + hex);
        assertThat(body(created))
                .isEqualTo(
                        json(
                                "{\"event\":\"created\",\"record\":{\"id\":\""
                                        + hex
                                        + "\",\"name\":\"n1\",\"cpus\":2}}"));
        BusEvent updated = next();
        assertThat(updated.routingKey()).isEqualTo("nodes.updated." + hex);
        // The whole document, not just the changed field.
        assertThat(body(updated))
                .isEqualTo(
                        json(
                                "{\"event\":\"updated\",\"record\":{\"id\":\""
                                        + hex
                                        + "\",\"name\":\"n2\",\"cpus\":2}}"));
        BusEvent replaced = next();
        assertThat(replaced.routingKey()).isEqualTo("nodes.updated." + hex);
        assertThat(body(replaced))
                .isEqualTo(
                        json(
                                "{\"event\":\"updated\",\"record\":{\"id\":\""
                                        + hex
                                        + "\",\"name\":\"n3\"}}"));
        BusEvent destroyed = next();
        assertThat(destroyed.routingKey()).isEqualTo("nodes.destroyed." + hex);
        assertThat(body(destroyed))
                .isEqualTo(json("{\"event\":\"destroyed\",\"record\":{\"id\":\"" + hex + "\"}}"));
    }

    @Test
    void standaloneServer_bindIsRejected_becauseChangeStreamsNeedAReplicaSet() throws Exception {
        startFeed(STANDALONE.getConnectionString());

        try {
            feed.bind(NODES).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("bind succeeded on a standalone server");
        } catch (ExecutionException e) {
            assertThat(e.getCause())
                    .isInstanceOfSatisfying(
                            EventFeedException.class,
                            failure ->
                                    assertThat(failure.reason())
                                            .isEqualTo(EventFeedException.Reason.REJECTED))
                    .hasMessage("change streams need a MongoDB replica set");
        }
        assertThat(feed.isAvailable()).isTrue();
    }

    private void startFeed(String connectionString) throws InterruptedException {
        feed =
                new MongoChangeStreamFeed(
                        ChangeStreamConfig.defaults(connectionString, DATABASE)
                                .withRetryBackoff(Duration.ofMillis(200)));
        feed.setSink(sink);
        feed.start();
        assertThat(sink.nextAvailability()).isTrue();
    }

    private BusEvent next() throws InterruptedException {
        return sink.next();
    }

    private static JsonNode body(BusEvent event) throws IOException {
        return JSON.readTree(event.body());
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }
}

package io.monorail.ws.adapter.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.monorail.ws.domain.port.out.BusEvent;
import io.monorail.ws.domain.port.out.EventFeedException;
import io.monorail.ws.domain.port.out.TopicBinding;
import io.monorail.ws.domain.testing.RecordingSink;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The change-stream feed against mongo-java-server with its oplog on. Inserts and deletes only:
 * that server reports updates wrongly, so updates are checked against a real MongoDB ({@link
 * MongoChangeStreamFeedContainerIT}).
 *
 * <p>Absence is proven without waiting: a marker written after the unwanted change arrives first in
 * its place. Within one collection that holds because one stream delivers in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MongoChangeStreamFeedTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String EXCHANGE = "on.waterline";
    private static final String DATABASE = "pxe_test";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordingSink sink;
    private MongoServer server;
    private String connectionString;
    private MongoClient writer;
    private MongoDatabase db;
    private MongoChangeStreamFeed feed;

    @BeforeAll
    void startServer() {
        MemoryBackend backend = new MemoryBackend();
        backend.enableOplog();
        server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        connectionString = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
        writer = MongoClients.create(connectionString);
        db = writer.getDatabase(DATABASE);
    }

    @AfterAll
    void stopServer() {
        writer.close();
        server.shutdownNow();
    }

    @BeforeEach
    void startFeed() throws InterruptedException {
        sink = new RecordingSink(WAIT);
        feed = newFeed(connectionString);
        feed.start();
        assertThat(sink.nextAvailability()).isTrue();
    }

    @AfterEach
    void stopFeed() {
        feed.stop();
    }

    @Test
    void insert_isDeliveredAsCreated_withTheRecordAsRackHdPublishesIt() throws Exception {
        bind("nodes.#");
        ObjectId id = new ObjectId();
        Instant discovered = Instant.parse("2024-05-06T07:08:09.123Z");

        db.getCollection("nodes")
                .insertOne(
                        new Document("_id", id)
                                .append("name", "compute-1")
                                .append("discovered", Date.from(discovered)));

        BusEvent event = next();
        assertThat(event.exchange()).isEqualTo(EXCHANGE);
        assertThat(event.routingKey()).isEqualTo("nodes.created." + id.toHexString());
        assertThat(body(event))
                .isEqualTo(
                        json(
                                "{\"event\":\"created\",\"record\":{\"id\":\""
                                        + id.toHexString()
                                        + "\",\"name\":\"compute-1\","
                                        + "\"discovered\":\"2024-05-06T07:08:09.123Z\"}}"));
    }

    @Test
    void delete_isDeliveredAsDestroyed_withTheId() throws Exception {
        bind("nodes.#");
        ObjectId id = insertNode();
        assertThat(next().routingKey()).isEqualTo("nodes.created." + id.toHexString());

        db.getCollection("nodes").deleteOne(Filters.eq("_id", id));

        BusEvent event = next();
        assertThat(event.routingKey()).isEqualTo("nodes.destroyed." + id.toHexString());
        assertThat(body(event))
                .isEqualTo(
                        json(
                                "{\"event\":\"destroyed\",\"record\":{\"id\":\""
                                        + id.toHexString()
                                        + "\"}}"));
    }

    @Test
    void changeInAnUnboundCollection_isNotDelivered() throws Exception {
        bind("nodes.#");

        db.getCollection("catalogs").insertOne(new Document("_id", new ObjectId()));
        ObjectId marker = insertNode();

        assertThat(next().routingKey()).isEqualTo("nodes.created." + marker.toHexString());
        assertThat(feed.watchedCollections()).containsExactly("nodes");
    }

    @Test
    void idPattern_deliversOnlyThatDocument() throws Exception {
        ObjectId wanted = new ObjectId();
        bind("nodes.*." + wanted.toHexString());

        ObjectId other = insertNode();
        db.getCollection("nodes").insertOne(new Document("_id", wanted));
        db.getCollection("nodes").deleteOne(Filters.eq("_id", other));
        db.getCollection("nodes").deleteOne(Filters.eq("_id", wanted));

        assertThat(next().routingKey()).isEqualTo("nodes.created." + wanted.toHexString());
        assertThat(next().routingKey()).isEqualTo("nodes.destroyed." + wanted.toHexString());
    }

    @Test
    void twoPatternsOnOneCollection_shareOneStream_andAChangeMatchingBothArrivesOnce()
            throws Exception {
        ObjectId id = new ObjectId();
        bind("nodes.#");
        bind("nodes.*." + id.toHexString());
        assertThat(feed.watchedCollections()).containsExactly("nodes");

        db.getCollection("nodes").insertOne(new Document("_id", id));
        ObjectId marker = insertNode();

        assertThat(next().routingKey()).isEqualTo("nodes.created." + id.toHexString());
        assertThat(next().routingKey()).isEqualTo("nodes.created." + marker.toHexString());

        // The id pattern still needs the stream: unbinding the other one narrows it.
        unbind("nodes.#");
        assertThat(feed.watchedCollections()).containsExactly("nodes");
        db.getCollection("nodes").deleteOne(Filters.eq("_id", marker));
        db.getCollection("nodes").deleteOne(Filters.eq("_id", id));

        assertThat(next().routingKey()).isEqualTo("nodes.destroyed." + id.toHexString());
    }

    @Test
    void unbindingTheLastPatternOfACollection_stopsItsStream() throws Exception {
        bind("nodes.#");
        bind("catalogs.#");
        insertNode();
        next();

        unbind("nodes.#");
        assertThat(feed.watchedCollections()).containsExactly("catalogs");
        insertNode();
        ObjectId marker = new ObjectId();
        db.getCollection("catalogs").insertOne(new Document("_id", marker));

        assertThat(next().routingKey()).isEqualTo("catalogs.created." + marker.toHexString());

        // A new stream starts now: the change made while unbound never arrives, not even late.
        bind("nodes.#");
        ObjectId later = insertNode();
        assertThat(next().routingKey()).isEqualTo("nodes.created." + later.toHexString());
    }

    @Test
    void patternWithoutACollectionName_isRejected() {
        assertRejected(new TopicBinding(EXCHANGE, "#"), "collection name");
        assertRejected(new TopicBinding(EXCHANGE, "*.created.abc"), "collection name");
        assertThat(feed.watchedCollections()).isEmpty();
    }

    @Test
    void bindingOnAnotherExchange_isRejected() {
        assertRejected(new TopicBinding("on.events", "graph.#"), "on.waterline");
    }

    @Test
    void connectedFeed_isAvailable() {
        assertThat(feed.isAvailable()).isTrue();
    }

    @Test
    void bindAfterStop_failsUnavailable_withoutThrowing() {
        feed.stop();

        CompletableFuture<Void> bound = feed.bind(new TopicBinding(EXCHANGE, "nodes.#"));

        assertThat(bound).isCompletedExceptionally();
        assertThat(reason(bound)).isEqualTo(EventFeedException.Reason.UNAVAILABLE);
        assertThat(feed.unbind(new TopicBinding(EXCHANGE, "nodes.#"))).isCompleted();
        assertThat(feed.isAvailable()).isFalse();
    }

    private MongoChangeStreamFeed newFeed(String uri) {
        MongoChangeStreamFeed created =
                new MongoChangeStreamFeed(
                        ChangeStreamConfig.defaults(uri, DATABASE)
                                .withRetryBackoff(Duration.ofMillis(100)));
        created.setSink(sink);
        return created;
    }

    private ObjectId insertNode() {
        ObjectId id = new ObjectId();
        db.getCollection("nodes").insertOne(new Document("_id", id).append("name", "n"));
        return id;
    }

    private void bind(String pattern) throws Exception {
        feed.bind(new TopicBinding(EXCHANGE, pattern)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void unbind(String pattern) throws Exception {
        feed.unbind(new TopicBinding(EXCHANGE, pattern))
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void assertRejected(TopicBinding binding, String messagePart) {
        CompletableFuture<Void> bound = feed.bind(binding);
        assertThat(reason(bound)).isEqualTo(EventFeedException.Reason.REJECTED);
        assertThat(cause(bound)).hasMessageContaining(messagePart);
    }

    private BusEvent next() throws InterruptedException {
        return sink.next();
    }

    private static EventFeedException.Reason reason(CompletableFuture<Void> future) {
        return ((EventFeedException) cause(future)).reason();
    }

    private static Throwable cause(CompletableFuture<Void> future) {
        try {
            future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError("the bind did not fail", e);
        }
        throw new AssertionError("the bind succeeded");
    }

    private static JsonNode body(BusEvent event) throws IOException {
        return JSON.readTree(event.body());
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }
}

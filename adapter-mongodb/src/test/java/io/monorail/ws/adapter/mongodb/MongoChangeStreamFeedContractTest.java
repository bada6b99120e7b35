package io.monorail.ws.adapter.mongodb;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.monorail.ws.domain.port.out.EventFeed;
import io.monorail.ws.domain.port.out.EventFeedContract;
import io.monorail.ws.domain.testing.Await;
import io.monorail.ws.domain.testing.RecordingSink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The event feed contract against mongo-java-server with its oplog on. The "bus" behind this feed
 * is MongoDB: publishing {@code <collection>.created.<id>} inserts that document (updates are wrong
 * on that server, see {@link MongoChangeStreamFeedTest}). The feed renders its own bodies ({@code
 * {event, record}}) and serves the one exchange it was made for: the two contract cases about raw
 * bodies and other exchanges do not apply to it.
 */
class MongoChangeStreamFeedContractTest extends EventFeedContract {
    private static final String DATABASE = "pxe_contract";

    private static MongoServer server;
    private static String connectionString;
    private static MongoClient writer;
    private static MongoDatabase db;

    /** The one exchange the current feed serves, until a test asks for it. */
    private String feedExchange;

    @BeforeAll
    static void startServer() {
        MemoryBackend backend = new MemoryBackend();
        backend.enableOplog();
        server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        connectionString = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
        writer = MongoClients.create(connectionString);
        db = writer.getDatabase(DATABASE);
    }

    @AfterAll
    static void stopServer() {
        writer.close();
        server.shutdownNow();
    }

    @Override
    protected EventFeed createFeed() throws Exception {
        feedExchange = super.uniqueExchange();
        MongoChangeStreamFeed feed =
                new MongoChangeStreamFeed(
                        new ChangeStreamConfig(
                                connectionString, DATABASE, feedExchange, Duration.ofMillis(100)));
        RecordingSink connecting = new RecordingSink(WAIT);
        feed.setSink(connecting);
        feed.start();
        Await.until(() -> connecting.availability().contains(true), "feed connected", WAIT);
        return feed;
    }

    /** The feed serves one exchange, fixed when it is made: the first name asked for is that. */
    @Override
    protected String uniqueExchange() {
        String served = feedExchange;
        feedExchange = null;
        return served != null ? served : super.uniqueExchange();
    }

    @Override
    protected void publish(String exchange, String routingKey, byte[] body) {
        String[] words = routingKey.split("\\.", 3);
        if (words.length != 3) {
            throw new IllegalArgumentException(
                    "a change stream carries <collection>.<created|destroyed>.<id>, not "
                            + routingKey);
        }
        switch (words[1]) {
            case "created" ->
                    db.getCollection(words[0])
                            .insertOne(
                                    Document.parse(new String(body, StandardCharsets.UTF_8))
                                            .append("_id", words[2]));
            case "destroyed" -> db.getCollection(words[0]).deleteOne(Filters.eq("_id", words[2]));
            default ->
                    throw new IllegalArgumentException(
                            "a change stream carries created and destroyed only, not " + words[1]);
        }
    }

    @Override
    protected String topic(boolean second) {
        return second ? "skus" : "nodes";
    }

    @Override
    protected String action() {
        return "created";
    }

    @Override
    protected boolean carriesRawBodies() {
        return false;
    }

    @Override
    protected boolean servesAnyExchange() {
        return false;
    }

    @Override
    protected void dispose(EventFeed feed) {
        ((MongoChangeStreamFeed) feed).stop();
    }
}

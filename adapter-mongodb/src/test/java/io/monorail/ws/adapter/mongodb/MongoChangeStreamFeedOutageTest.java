package io.monorail.ws.adapter.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.monorail.ws.domain.port.out.EventFeedException;
import io.monorail.ws.domain.port.out.TopicBinding;
import io.monorail.ws.domain.testing.RecordingSink;
import io.monorail.ws.domain.testing.TcpProxy;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The feed while the network between it and MongoDB fails and comes back. The server stays up
 * behind a {@link TcpProxy}, so a change written during the outage shows whether a stream resumes
 * where it stopped. A short server selection timeout makes the outage outlast the driver's own
 * single resume attempt, so the feed's retry loop is what recovers.
 */
class MongoChangeStreamFeedOutageTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final TopicBinding NODES = new TopicBinding("on.waterline", "nodes.#");

    private final RecordingSink sink = new RecordingSink(WAIT);
    private final BlockingQueue<String> streamHealth = new LinkedBlockingQueue<>();
    private MongoServer server;
    private TcpProxy proxy;
    private MongoClient writer;
    private MongoCollection<Document> nodes;
    private MongoChangeStreamFeed feed;

    @BeforeEach
    void setUp() {
        MemoryBackend backend = new MemoryBackend();
        backend.enableOplog();
        server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        proxy = new TcpProxy(server.getLocalAddress().getPort());
        writer = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        nodes = writer.getDatabase("pxe_test").getCollection("nodes");
        // A short heartbeat too: an idle client notices the server is back within half a second.
        String throughProxy =
                "mongodb://127.0.0.1:"
                        + proxy.port()
                        + "/?heartbeatFrequencyMS=500&serverSelectionTimeoutMS=300";
        feed =
                new MongoChangeStreamFeed(
                        ChangeStreamConfig.defaults(throughProxy, "pxe_test")
                                .withRetryBackoff(Duration.ofMillis(100)),
                        new MongoChangeStreamFeed.StreamObserver() {
                            @Override
                            public void failed(String collection) {
                                streamHealth.add("failed " + collection);
                            }

                            @Override
                            public void recovered(String collection) {
                                streamHealth.add("recovered " + collection);
                            }
                        });
        feed.setSink(sink);
    }

    @AfterEach
    void tearDown() {
        feed.stop();
        writer.close();
        proxy.close();
        server.shutdownNow();
    }

    @Test
    void lostConnection_isReported_andTheStreamResumesWithTheChangesMadeMeanwhile()
            throws Exception {
        feed.start();
        assertThat(sink.nextAvailability()).isTrue();
        feed.bind(NODES).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        ObjectId before = insertNode();
        assertThat(sink.next().routingKey()).isEqualTo("nodes.created." + before.toHexString());

        proxy.cut();
        assertThat(sink.nextAvailability()).isFalse();
        assertThat(feed.isAvailable()).isFalse();
        assertThat(next(streamHealth)).isEqualTo("failed nodes");
        // Written while the feed cannot reach the server: only a resumed stream sees it.
        ObjectId during = insertNode();

        proxy.restore();
        assertThat(next(streamHealth)).isEqualTo("recovered nodes");
        assertThat(sink.nextAvailability()).isTrue();
        assertThat(sink.next().routingKey()).isEqualTo("nodes.created." + during.toHexString());
        ObjectId after = insertNode();
        assertThat(sink.next().routingKey()).isEqualTo("nodes.created." + after.toHexString());
        assertThat(sink.availability()).containsExactly(true, false, true);
    }

    @Test
    void serverUnreachableAtStart_bindFailsUnavailable_andSucceedsOnceItIsReached()
            throws Exception {
        proxy.cut();
        feed.start();
        assertThat(feed.isAvailable()).isFalse();

        try {
            feed.bind(NODES).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("bind succeeded without a server");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(EventFeedException.class);
            assertThat(((EventFeedException) e.getCause()).reason())
                    .isEqualTo(EventFeedException.Reason.UNAVAILABLE);
        }

        proxy.restore();
        assertThat(sink.nextAvailability()).isTrue();
        feed.bind(NODES).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        ObjectId id = insertNode();
        assertThat(sink.next().routingKey()).isEqualTo("nodes.created." + id.toHexString());
    }

    private ObjectId insertNode() {
        ObjectId id = new ObjectId();
        nodes.insertOne(new Document("_id", id));
        return id;
    }

    private static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
        T item = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(item).as("something within %s", WAIT).isNotNull();
        return item;
    }
}

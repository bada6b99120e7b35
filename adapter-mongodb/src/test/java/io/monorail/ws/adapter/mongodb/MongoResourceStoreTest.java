package io.monorail.ws.adapter.mongodb;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The MongoDB adapter against mongo-java-server in this JVM, as the embedded default runs it. */
class MongoResourceStoreTest extends MongoResourceStoreBehaviour {
    private MongoServer server;
    private String connectionString;

    @BeforeAll
    void startServer() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        connectionString = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
    }

    @AfterAll
    void stopServer() {
        server.shutdownNow();
    }

    @Override
    protected String connectionString() {
        return connectionString;
    }
}

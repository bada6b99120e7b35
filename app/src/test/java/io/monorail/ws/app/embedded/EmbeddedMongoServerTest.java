package io.monorail.ws.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMongoServerTest {
    private final List<EmbeddedMongoServer> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        started.forEach(EmbeddedMongoServer::stop);
    }

    @Test
    void anyFreePort_servesTheMongoDriver() {
        EmbeddedMongoServer server = start(new EmbeddedMongoServer(), 0);

        assertThat(server.port()).isPositive();
        assertThat(server.connectionString()).isEqualTo("mongodb://127.0.0.1:" + server.port());
        assertThat(server.dataFile()).isEmpty();
        try (MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> nodes = client.getDatabase("pxe").getCollection("nodes");
            nodes.insertOne(new Document("name", "alpha"));

            assertThat(nodes.find(new Document("name", "alpha")).first()).isNotNull();
        }
    }

    @Test
    void takenPort_failsWithAClearMessage_andLeavesTheServerUsable() throws IOException {
        EmbeddedMongoServer server = new EmbeddedMongoServer();
        started.add(server);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> server.start(port))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("MongoDB port " + port + " on 127.0.0.1 is already in use");
        }
        assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);

        server.start(0);

        assertThat(server.port()).isPositive();
    }

    @Test
    void dataFile_keepsDocumentsAcrossRestarts(@TempDir Path dir) {
        Path file = dir.resolve("data/pxe.mv");
        EmbeddedMongoServer first = start(new EmbeddedMongoServer(file), 0);
        try (MongoClient client = MongoClients.create(first.connectionString())) {
            client.getDatabase("pxe")
                    .getCollection("nodes")
                    .insertOne(new Document("name", "kept"));
        }
        first.stop();

        EmbeddedMongoServer second = start(new EmbeddedMongoServer(file), 0);

        assertThat(second.dataFile()).contains(file.toAbsolutePath());
        try (MongoClient client = MongoClients.create(second.connectionString())) {
            Document kept = client.getDatabase("pxe").getCollection("nodes").find().first();
            assertThat(kept).isNotNull();
            assertThat(kept.getString("name")).isEqualTo("kept");
        }
    }

    @Test
    void dataFileInUse_isRefused(@TempDir Path dir) {
        Path file = dir.resolve("pxe.mv");
        start(new EmbeddedMongoServer(file), 0);
        EmbeddedMongoServer second = new EmbeddedMongoServer(file);
        started.add(second);

        assertThatThrownBy(() -> second.start(0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot open the MongoDB data file");
    }

    @Test
    void lifecycle_isExplicit() {
        EmbeddedMongoServer server = new EmbeddedMongoServer();
        started.add(server);

        assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
        server.start(0);
        assertThatThrownBy(() -> server.start(0)).isInstanceOf(IllegalStateException.class);
        server.stop();
        server.stop();
        assertThatThrownBy(server::connectionString).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> server.start(70_000)).isInstanceOf(IllegalArgumentException.class);
    }

    private EmbeddedMongoServer start(EmbeddedMongoServer server, int port) {
        started.add(server);
        server.start(port);
        return server;
    }
}

package io.monorail.ws.adapter.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.monorail.ws.domain.port.out.DocumentFilter;
import io.monorail.ws.domain.port.out.FindOptions;
import io.monorail.ws.domain.port.out.StoreException;
import io.monorail.ws.domain.testing.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The store while its server goes away and comes back on the same port. */
class MongoResourceStoreOutageTest {
    private static final DocumentFilter ALL =
            new DocumentFilter(
                    com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
    private static final Duration SELECTION_TIMEOUT = Duration.ofMillis(500);
    private static final FindOptions ONE = FindOptions.limit(1, Duration.ofSeconds(5));

    /** Generous: a failing read takes about SELECTION_TIMEOUT; this only catches a hang. */
    private static final Duration QUICKLY = Duration.ofSeconds(5);

    private MongoServer server;
    private MongoResourceStore store;

    @AfterEach
    void tearDown() {
        if (store != null) {
            store.stop();
        }
        if (server != null) {
            server.shutdownNow();
        }
    }

    @Test
    void stoppedServer_failsReadsQuickly_andTheSameStoreRecoversWhenItReturns() throws Exception {
        int port = startServer(0);
        store = newStore(port);
        store.start();
        assertThat(store.isAvailable()).isTrue();
        assertThat(store.find("nodes", ALL, ONE)).isEmpty();

        server.shutdownNow();
        long started = System.nanoTime();

        assertThatThrownBy(() -> store.find("nodes", ALL, ONE))
                .isInstanceOf(StoreException.class)
                .hasMessage("document store unavailable");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(QUICKLY);
        assertThat(store.isAvailable()).isFalse();
        assertThat(store.ping()).isFalse();

        startServer(port);

        awaitAnswer(store);
        assertThat(store.isAvailable()).isTrue();
        assertThat(store.ping()).isTrue();
    }

    @Test
    void serverDownAtStartup_doesNotFailStart_andIsPickedUpLater() throws Exception {
        int port = freePort();
        store = newStore(port);
        long started = System.nanoTime();

        store.start();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(QUICKLY);
        assertThat(store.isAvailable()).isFalse();
        assertThatThrownBy(() -> store.findOne("nodes", ALL, ONE))
                .isInstanceOf(StoreException.class)
                .hasMessage("document store unavailable");

        startServer(port);

        awaitAnswer(store);
        assertThat(store.isAvailable()).isTrue();
    }

    private int startServer(int port) {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", port);
        return server.getLocalAddress().getPort();
    }

    private static MongoResourceStore newStore(int port) {
        return new MongoResourceStore(
                MongoStoreConfig.defaults("mongodb://127.0.0.1:" + port, "pxe")
                        .withTimeouts(SELECTION_TIMEOUT, SELECTION_TIMEOUT));
    }

    /** Waits until the store answers; each failed attempt itself waits for server selection. */
    private static void awaitAnswer(MongoResourceStore store) throws Exception {
        Await.until(() -> answers(store), "the store recovered", Duration.ofSeconds(20));
    }

    private static boolean answers(MongoResourceStore store) {
        try {
            store.find("nodes", ALL, ONE);
            return true;
        } catch (StoreException stillDown) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

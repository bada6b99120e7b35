package io.monorail.ws.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A scripted stand-in for the gateway: a Jetty WebSocket server on an ephemeral loopback port that
 * hands each accepted connection to the test as a {@link FakeConnection}, which records what the
 * client sends and sends what the test says. Nothing of the real server is involved.
 */
final class FakeGateway implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(5);

    private final Server server;
    private final ServerConnector connector;
    private final BlockingQueue<FakeConnection> connections = new LinkedBlockingQueue<>();

    private FakeGateway() throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("fake-gateway");
        server = new Server(threads);
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(
                WebSocketUpgradeHandler.from(
                        server,
                        container ->
                                container.addMapping(
                                        "/*",
                                        (request, response, callback) ->
                                                new FakeConnection(connections::add))));
        server.setStopTimeout(0);
        server.start();
    }

    static FakeGateway start() throws Exception {
        return new FakeGateway();
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + connector.getLocalPort() + "/");
    }

    /** The next connection the client opens. */
    FakeConnection nextConnection() throws InterruptedException {
        FakeConnection connection = connections.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(connection).as("the client opened a connection").isNotNull();
        return connection;
    }

    /**
     * The connection opened within {@code wait}, or null. Only for asserting that none comes: there
     * is no event to wait for when nothing happens.
     */
    FakeConnection connectionWithin(Duration wait) throws InterruptedException {
        return connections.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        LifeCycle.stop(server);
    }
}

package io.monorail.ws.load.bare;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The floor to compare the gateway with: a Jetty 12 WebSocket server that forwards each message of
 * one AMQP queue, as is, to every connection whose pattern ({@code ?key=} at connect) matches its
 * routing key. No protocol, no sessions, no replay. {@code GET /health} answers 200.
 */
public final class BareFanOutServer implements AutoCloseable {
    /** The text a connection receives once its pattern is bound. */
    public static final String READY = "ready";

    private final String host;
    private final int requestedPort;
    private final WriteMode mode;
    private final String amqpUri;
    private final String exchange;
    private Server server;
    private ServerConnector connector;
    private Connection amqp;
    private FanOutLoop loop;
    private Thread loopThread;

    public BareFanOutServer(
            String host, int port, WriteMode mode, String amqpUri, String exchange) {
        this.host = host;
        this.requestedPort = port;
        this.mode = mode;
        this.amqpUri = amqpUri;
        this.exchange = exchange;
    }

    /** Connects to the broker, then listens. */
    public void start() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(amqpUri);
        amqp = factory.newConnection("bare-fan-out");
        Channel consume = amqp.createChannel();
        consume.exchangeDeclare(exchange, "topic", true);
        String queue = consume.queueDeclare().getQueue(); // server-named, exclusive, auto-delete
        Channel bind = amqp.createChannel();
        Subscriptions subscriptions =
                new Subscriptions(
                        pattern -> {
                            synchronized (bind) {
                                bind.queueBind(queue, exchange, pattern);
                            }
                        });
        loop = new FanOutLoop(subscriptions, mode);
        loopThread = new Thread(loop, "bare-fan-out");
        loopThread.start();
        consume.basicConsume(
                queue,
                true,
                new DefaultConsumer(consume) {
                    @Override
                    public void handleDelivery(
                            String tag,
                            Envelope envelope,
                            AMQP.BasicProperties props,
                            byte[] body) {
                        loop.offer(new FanOutLoop.Event(envelope.getRoutingKey(), body));
                    }
                });

        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(requestedPort);
        connector.setAcceptQueueSize(4096);
        server.addConnector(connector);
        WebSocketUpgradeHandler upgrade =
                WebSocketUpgradeHandler.from(
                        server,
                        container -> {
                            container.setIdleTimeout(Duration.ofHours(1));
                            container.setOutputBufferSize(64 * 1024);
                            container.addMapping(
                                    "/*",
                                    (request, response, callback) -> {
                                        String key =
                                                Request.extractQueryParameters(request)
                                                        .getValue("key");
                                        if (key == null || key.isEmpty()) {
                                            Response.writeError(request, response, callback, 400);
                                            return null;
                                        }
                                        return new FanOutEndpoint(key, subscriptions);
                                    });
                        });
        upgrade.setHandler(new Health());
        server.setHandler(upgrade);
        server.start();
    }

    /** The port it listens on. */
    public int port() {
        return connector.getLocalPort();
    }

    /** The write mode it runs with. */
    public WriteMode mode() {
        return mode;
    }

    /** Frames handed to Jetty so far. */
    public long sends() {
        return loop.sends();
    }

    /** Events, bursts, frames handed to Jetty and failed sends so far, for the server's log. */
    public String counters() {
        return String.format(
                java.util.Locale.ROOT,
                "events %d in %d bursts, %d frames sent, %d failed",
                loop.events(),
                loop.bursts(),
                loop.sends(),
                loop.failedSends());
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.stop();
            loopThread.interrupt();
        }
        if (server != null) {
            LifeCycle.stop(server);
        }
        if (amqp != null) {
            try {
                amqp.close();
            } catch (Exception e) {
                // closing anyway
            }
        }
    }

    /** Plain HTTP requests: 200 on /health, 404 elsewhere. */
    private static final class Health extends Handler.Abstract.NonBlocking {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            if (!"/health".equals(Request.getPathInContext(request))) {
                return false;
            }
            response.setStatus(200);
            response.write(
                    true, ByteBuffer.wrap("ok".getBytes(StandardCharsets.US_ASCII)), callback);
            return true;
        }
    }
}

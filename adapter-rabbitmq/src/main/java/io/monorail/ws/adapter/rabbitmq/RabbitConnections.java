package io.monorail.ws.adapter.rabbitmq;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.impl.DefaultExceptionHandler;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connection factories for the adapter's own recovery: TLS that verifies the broker for {@code
 * amqps}, the client's automatic recovery off, every broker call bounded by a timeout, heartbeats
 * to notice a dead network.
 */
final class RabbitConnections {
    private static final Logger LOG = LoggerFactory.getLogger(RabbitConnections.class);
    static final int TIMEOUT_MILLIS = 5_000;
    private static final int HEARTBEAT_SECONDS = 30;

    private RabbitConnections() {}

    /**
     * A factory for {@code amqpUri}.
     *
     * @throws IllegalArgumentException naming only {@code maskedUri}, when the URI is unusable
     */
    static ConnectionFactory factory(URI amqpUri, String maskedUri) {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            if ("amqps".equalsIgnoreCase(amqpUri.getScheme())) {
                // Without this, setUri would trust every certificate.
                factory.useSslProtocol(SSLContext.getDefault());
                factory.enableHostnameVerification();
            }
            factory.setUri(amqpUri);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        } catch (Exception e) {
            // The client's messages may quote the user info, password included: no cause.
            throw new IllegalArgumentException("invalid AMQP URI " + maskedUri);
        }
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        factory.setConnectionTimeout(TIMEOUT_MILLIS);
        factory.setHandshakeTimeout(TIMEOUT_MILLIS);
        factory.setChannelRpcTimeout(TIMEOUT_MILLIS);
        factory.setShutdownTimeout(TIMEOUT_MILLIS);
        factory.setRequestedHeartbeat(HEARTBEAT_SECONDS);
        factory.setExceptionHandler(new QuietExceptionHandler());
        return factory;
    }

    /** The adapter logs a lost connection itself; the client's own warning would repeat it. */
    private static final class QuietExceptionHandler extends DefaultExceptionHandler {
        @Override
        public void handleUnexpectedConnectionDriverException(Connection conn, Throwable e) {
            LOG.debug("connection driver failed: {}", BusFailures.describe(e));
        }
    }
}

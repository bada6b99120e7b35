package io.monorail.ws.app;

import io.monorail.ws.app.embedded.EmbeddedAmqpBroker;
import java.net.URI;

/** The AMQP broker: the embedded one, or RabbitMQ at a configured URI. */
abstract class AmqpEndpoint implements Endpoint {
    /** The in-process broker on loopback. */
    static final class Embedded extends AmqpEndpoint {
        private final int port;
        private EmbeddedAmqpBroker broker;

        Embedded(int port) {
            this.port = port;
        }

        @Override
        public synchronized void start() {
            EmbeddedAmqpBroker started = new EmbeddedAmqpBroker();
            started.start(port);
            broker = started;
        }

        @Override
        public synchronized void stop() {
            if (broker != null) {
                broker.stop();
                broker = null;
            }
        }

        @Override
        public synchronized String uri() {
            if (broker == null) {
                throw new IllegalStateException("embedded AMQP broker not started");
            }
            return broker.amqpUri().toString();
        }

        @Override
        public String describe() {
            return "message bus: embedded AMQP 0-9-1 broker at "
                    + uri()
                    + " (any AMQP client can publish to it)";
        }
    }

    /** RabbitMQ run by someone else. */
    static final class External extends AmqpEndpoint {
        private final URI uri;

        External(URI uri) {
            this.uri = uri;
        }

        @Override
        public void start() {}

        @Override
        public void stop() {}

        @Override
        public String uri() {
            return uri.toString();
        }

        @Override
        public String describe() {
            return "message bus: RabbitMQ at " + Uris.masked(uri);
        }
    }
}

package io.monorail.ws.app;

import com.google.inject.AbstractModule;
import java.net.URI;
import java.nio.file.Path;

/** One module per way to provide each server: embedded or external. */
final class EndpointModules {
    private EndpointModules() {}

    /** The in-process AMQP broker. */
    static final class EmbeddedAmqp extends AbstractModule {
        private final int port;

        EmbeddedAmqp(int port) {
            this.port = port;
        }

        @Override
        protected void configure() {
            bind(AmqpEndpoint.class).toInstance(new AmqpEndpoint.Embedded(port));
        }
    }

    /** RabbitMQ at a URI. */
    static final class ExternalAmqp extends AbstractModule {
        private final URI uri;

        ExternalAmqp(URI uri) {
            this.uri = uri;
        }

        @Override
        protected void configure() {
            bind(AmqpEndpoint.class).toInstance(new AmqpEndpoint.External(uri));
        }
    }

    /** The in-process MongoDB-wire server, in memory or persisted to a file. */
    static final class EmbeddedMongo extends AbstractModule {
        private final int port;
        private final Path file;
        private final boolean oplog;

        EmbeddedMongo(int port, Path file, boolean oplog) {
            this.port = port;
            this.file = file;
            this.oplog = oplog;
        }

        @Override
        protected void configure() {
            bind(MongoEndpoint.class).toInstance(new MongoEndpoint.Embedded(port, file, oplog));
        }
    }

    /** MongoDB at a connection string. */
    static final class ExternalMongo extends AbstractModule {
        private final String uri;

        ExternalMongo(String uri) {
            this.uri = uri;
        }

        @Override
        protected void configure() {
            bind(MongoEndpoint.class).toInstance(new MongoEndpoint.External(uri));
        }
    }
}

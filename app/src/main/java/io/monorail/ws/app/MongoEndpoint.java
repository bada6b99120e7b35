package io.monorail.ws.app;

import io.monorail.ws.app.embedded.EmbeddedMongoServer;
import java.net.URI;
import java.nio.file.Path;

/** The document store: the embedded MongoDB-wire server, or MongoDB at a configured URI. */
abstract class MongoEndpoint implements Endpoint {
    /** The in-process server on loopback. */
    static final class Embedded extends MongoEndpoint {
        private final int port;
        private final Path file;
        private final boolean oplog;
        private EmbeddedMongoServer server;

        Embedded(int port, Path file, boolean oplog) {
            this.port = port;
            this.file = file;
            this.oplog = oplog;
        }

        @Override
        public synchronized void start() {
            EmbeddedMongoServer started =
                    file == null ? new EmbeddedMongoServer() : new EmbeddedMongoServer(file);
            if (oplog) {
                started.withOplog();
            }
            started.start(port);
            server = started;
        }

        @Override
        public synchronized void stop() {
            if (server != null) {
                server.stop();
                server = null;
            }
        }

        @Override
        public synchronized String uri() {
            if (server == null) {
                throw new IllegalStateException("embedded MongoDB not started");
            }
            return server.connectionString();
        }

        @Override
        public String describe() {
            return "document store: embedded MongoDB-wire server at "
                    + uri()
                    + (file == null ? " (in memory)" : " (data in " + file + ")");
        }
    }

    /** MongoDB run by someone else. */
    static final class External extends MongoEndpoint {
        private final String uri;

        External(String uri) {
            this.uri = uri;
        }

        @Override
        public void start() {}

        @Override
        public void stop() {}

        @Override
        public String uri() {
            return uri;
        }

        @Override
        public String describe() {
            return "document store: MongoDB at " + Uris.masked(URI.create(uri));
        }
    }
}

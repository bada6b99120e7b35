package io.monorail.ws.client;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/** Opens WebSocket connections for the client; the seam between the protocol and Jetty. */
interface Transport extends AutoCloseable {
    /**
     * Starts opening a connection. Success is reported through {@link Events#opened}; the future
     * only tells a failed attempt (it fails then). Events may arrive on any thread.
     */
    CompletableFuture<?> connect(URI uri, Events events);

    /** Releases the transport's threads; open links are dropped. */
    @Override
    void close();

    /** What happens on one connection. */
    interface Events {
        void opened(Link link);

        void text(String text);

        /** A pong arrived: the peer is alive. */
        void pong();

        void closed(int code, String reason);

        void failed(Throwable cause);
    }

    /** One open connection. Its methods never block and never throw. */
    interface Link {
        void send(String text);

        void ping();

        /** Closes with a close handshake. */
        void close(int code, String reason);

        /** Drops the connection without a close handshake. */
        void abort();
    }
}

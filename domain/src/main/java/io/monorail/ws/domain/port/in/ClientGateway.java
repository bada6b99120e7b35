package io.monorail.ws.domain.port.in;

import io.monorail.ws.domain.port.Verification;

/**
 * Incoming port used by a transport: a client asks to connect, presenting a token or not; once
 * accepted it connects, and the transport feeds the returned {@link ClientSession} every text frame
 * and, once, the close.
 */
public interface ClientGateway {
    /**
     * Checks the token a client presents before it is let in. A refused client must not be
     * connected (the transport answers HTTP 401).
     *
     * @param token the bearer token, or null when the client presented none
     */
    Verification authenticate(String token);

    /** A client connected, with the principal {@link #authenticate} accepted. */
    ClientSession connect(Handshake handshake);

    /** What the gateway depends on, for health checks. */
    Health health();

    /** Counts for metrics; zeros when a gateway keeps none. */
    default Stats stats() {
        return new Stats(0, 0, 0, 0, 0, 0, 0, 0);
    }

    /**
     * What the gateway is doing.
     *
     * @param connections open client connections
     * @param sessions sessions kept (attached or waiting for a resume)
     * @param watchKeys distinct watches (type + params) across all clients
     * @param bindings distinct broker bindings held
     * @param events bus events received since start
     * @param deliveries watch messages sent since start (one event to N watchers counts N)
     * @param takeovers sessions of another instance resumed here since start (cluster mode)
     * @param takeoversRefused such resumes refused ({@code resumed:false}) since start
     */
    record Stats(
            int connections,
            int sessions,
            int watchKeys,
            int bindings,
            long events,
            long deliveries,
            long takeovers,
            long takeoversRefused) {}

    /**
     * What the gateway depends on. It is up while the bus is reachable: watches are its core, and a
     * store outage only fails reads (with {@code store_unavailable}).
     */
    record Health(boolean busAvailable, boolean storeAvailable) {
        public boolean up() {
            return busAvailable;
        }
    }
}

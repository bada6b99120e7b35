package io.monorail.ws.domain.port.in;

import io.monorail.ws.domain.port.out.ClientConnection;

/**
 * Incoming port used by a transport: a client connected. The transport then feeds the returned
 * {@link ClientSession} every text frame and, once, the close.
 */
public interface ClientGateway {
    /**
     * A client connected.
     *
     * @param connection how to reach the client
     * @param channel the default resource named by the URL path ({@code /nodes}), or null for
     *     {@code /}
     */
    ClientSession connect(ClientConnection connection, String channel);

    /** What the gateway depends on, for health checks. */
    Health health();

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

package io.monorail.ws.adapter.jetty;

import java.util.Objects;

/**
 * What the transport checks before a WebSocket is opened, and how it encrypts it.
 *
 * @param origins which web pages may connect (403 otherwise)
 * @param maxConnections open connections in total; beyond, upgrades get 503
 * @param maxConnectionsPerAddress open connections from one client address; beyond, 429
 * @param tls the certificate for {@code wss://}, or null for plain {@code ws://}
 */
public record TransportSecurity(
        OriginPolicy origins, int maxConnections, int maxConnectionsPerAddress, TlsKeyStore tls) {
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 100;

    public TransportSecurity {
        Objects.requireNonNull(origins, "origins");
        if (maxConnections < 1 || maxConnectionsPerAddress < 1) {
            throw new IllegalArgumentException("connection limits must be at least 1");
        }
    }

    /** Same origin only, 10,000 connections, 100 per address, no TLS. */
    public static TransportSecurity defaults() {
        return new TransportSecurity(
                OriginPolicy.sameOrigin(),
                DEFAULT_MAX_CONNECTIONS,
                DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
                null);
    }
}

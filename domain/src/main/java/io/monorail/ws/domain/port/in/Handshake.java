package io.monorail.ws.domain.port.in;

import io.monorail.ws.domain.port.ClientConnection;
import io.monorail.ws.domain.port.Principal;
import java.util.Objects;

/**
 * A client that has connected and been authenticated by the transport.
 *
 * @param connection how to reach the client
 * @param channel the default resource named by the URL path ({@code /nodes}), or null for {@code /}
 * @param principal who the client is, from {@link ClientGateway#authenticate}
 */
public record Handshake(ClientConnection connection, String channel, Principal principal) {
    public Handshake {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(principal, "principal");
    }
}

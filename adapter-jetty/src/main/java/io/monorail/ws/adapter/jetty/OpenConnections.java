package io.monorail.ws.adapter.jetty;

import io.monorail.ws.protocol.CloseCode;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connections open now, so that a stopping server can tell each client why it ends. A
 * connection is here before the gateway learns of it and until it is closed.
 */
final class OpenConnections {
    private final Set<JettyClientConnection> open = ConcurrentHashMap.newKeySet();

    void opened(JettyClientConnection connection) {
        open.add(connection);
    }

    void closed(JettyClientConnection connection) {
        open.remove(connection);
    }

    /** Closes every open connection with {@code code}. */
    void closeAll(CloseCode code) {
        for (JettyClientConnection connection : open) {
            connection.close(code.code(), code.reason());
        }
    }
}

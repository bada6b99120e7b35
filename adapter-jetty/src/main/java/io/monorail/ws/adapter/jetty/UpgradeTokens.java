package io.monorail.ws.adapter.jetty;

import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;

/**
 * Finds the bearer token of an upgrade request, and picks the subprotocol to answer.
 *
 * <p>A token comes, in this order of preference, from {@code Authorization: Bearer <token>}, from a
 * {@code Sec-WebSocket-Protocol} entry {@code bearer.<token>} (browsers cannot set headers), or
 * from the {@code access_token} query parameter. A browser offering a {@code bearer.} entry must
 * also offer {@value #SUBPROTOCOL}, which the server selects: a browser fails a handshake whose
 * answer selects none of the offered subprotocols, and the token is never echoed back.
 */
final class UpgradeTokens {
    /** The subprotocol the server selects when it is offered. */
    static final String SUBPROTOCOL = "monorail";

    /** Prefix of the subprotocol entry carrying a token. */
    static final String BEARER_PROTOCOL = "bearer.";

    static final String QUERY_PARAMETER = "access_token";

    private static final String BEARER_SCHEME = "bearer ";

    private UpgradeTokens() {}

    /** The token the client presented, or null when none. */
    static String find(ServerUpgradeRequest request) {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization != null
                && authorization.toLowerCase(Locale.ROOT).startsWith(BEARER_SCHEME)) {
            return blankToNull(authorization.substring(BEARER_SCHEME.length()).trim());
        }
        for (String protocol : request.getSubProtocols()) {
            if (protocol.regionMatches(true, 0, BEARER_PROTOCOL, 0, BEARER_PROTOCOL.length())) {
                return blankToNull(protocol.substring(BEARER_PROTOCOL.length()));
            }
        }
        Fields query = Request.extractQueryParameters(request);
        return blankToNull(query.getValue(QUERY_PARAMETER));
    }

    /** Selects {@value #SUBPROTOCOL} when the client offered it; never a {@code bearer.} entry. */
    static void selectSubprotocol(ServerUpgradeRequest request, ServerUpgradeResponse response) {
        for (String protocol : request.getSubProtocols()) {
            if (protocol.equalsIgnoreCase(SUBPROTOCOL)) {
                response.setAcceptedSubProtocol(SUBPROTOCOL);
                return;
            }
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

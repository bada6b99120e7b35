package io.monorail.ws.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.monorail.ws.domain.auth.Authentication;
import io.monorail.ws.domain.error.RequestException;
import io.monorail.ws.domain.port.Principal;
import io.monorail.ws.domain.port.Verification;
import io.monorail.ws.protocol.ErrorCode;
import io.monorail.ws.protocol.Frames;
import io.monorail.ws.protocol.Message;
import java.lang.System.Logger.Level;

/**
 * {@code {"handler":"auth","token":...}}: a fresh token for the same subject keeps the connection
 * (and its session and watches) open past the current token's expiry.
 */
final class AuthRequests {
    private static final System.Logger LOG = System.getLogger(AuthRequests.class.getName());

    private final Authentication authentication;

    AuthRequests(Authentication authentication) {
        this.authentication = authentication;
    }

    void refresh(ClientState client, Message message) throws RequestException {
        if (!authentication.isRequired()) {
            throw new RequestException(
                    ErrorCode.NOT_SUPPORTED, "authentication is off on this gateway");
        }
        JsonNode token = message.get("token");
        if (token == null || !token.isTextual() || token.textValue().isBlank()) {
            throw new RequestException(ErrorCode.BAD_PARAMS, "token must be a non-empty string");
        }
        Verification fresh = authentication.refresh(client.principal(), token.textValue());
        if (fresh.principal().isEmpty()) {
            String reason = fresh.failure().orElse("invalid");
            LOG.log(
                    Level.DEBUG,
                    "token refresh of {0} refused: {1}",
                    client.connection().remoteAddress(),
                    reason);
            throw new RequestException(ErrorCode.UNAUTHORIZED, "token refused: " + reason);
        }
        Principal principal = fresh.principal().get();
        client.principal(principal);
        String expiresAt = principal.expiresAt() == null ? null : principal.expiresAt().toString();
        client.reply(message, Frames.authAccepted(expiresAt));
    }
}

package io.monorail.ws.domain.auth;

import io.monorail.ws.domain.port.Principal;
import io.monorail.ws.domain.port.Verification;
import io.monorail.ws.domain.port.out.TokenVerifier;
import java.util.Objects;

/**
 * Whether clients must present a token, and how one is checked: when connecting and when a
 * connected client presents a fresh one.
 */
public final class Authentication {
    private final TokenVerifier verifier;

    private Authentication(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    /** No authentication: every client is {@link Principal#ANONYMOUS}, tokens are ignored. */
    public static Authentication none() {
        return new Authentication(null);
    }

    /** Every client must present a token that {@code verifier} accepts. */
    public static Authentication required(TokenVerifier verifier) {
        return new Authentication(Objects.requireNonNull(verifier, "verifier"));
    }

    public boolean isRequired() {
        return verifier != null;
    }

    /**
     * Checks the token a client presented when connecting.
     *
     * @param token the bearer token, or null when the client presented none
     */
    public Verification atConnect(String token) {
        if (verifier == null) {
            return Verification.accepted(Principal.ANONYMOUS);
        }
        if (token == null || token.isBlank()) {
            return Verification.refused("no token");
        }
        return verifier.verify(token);
    }

    /**
     * Checks a fresh token a connected client presents to stay connected past its current one's
     * expiry: it must be valid and name the same subject.
     */
    public Verification refresh(Principal current, String token) {
        if (verifier == null) {
            return Verification.refused("authentication is off");
        }
        Verification fresh = verifier.verify(token);
        if (fresh.principal().isPresent()
                && !fresh.principal().get().subject().equals(current.subject())) {
            return Verification.refused("the token names another subject");
        }
        return fresh;
    }
}

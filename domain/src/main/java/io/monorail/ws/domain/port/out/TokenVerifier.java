package io.monorail.ws.domain.port.out;

import io.monorail.ws.domain.port.Verification;

/** Outgoing port checking a bearer token (signature, expiry, issuer, audience) and reading it. */
public interface TokenVerifier {
    /**
     * Checks a token. Never throws for a bad token and never logs it: the result says why it was
     * refused.
     */
    Verification verify(String token);
}

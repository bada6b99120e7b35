package io.monorail.ws.adapter.jetty;

import io.monorail.ws.domain.port.out.TokenVerifier;
import io.monorail.ws.domain.port.out.TokenVerifierContract;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** The JWT adapter (HS256) passes the same contract as the in-memory fake. */
class JwtTokenVerifierContractTest extends TokenVerifierContract {
    private final JwtTokenVerifier verifier =
            JwtTokenVerifier.hmac(Jwts.SECRET, new JwtRules(null, null, "roles", Duration.ZERO));

    @Override
    protected TokenVerifier verifier() {
        return verifier;
    }

    @Override
    protected String issue(String subject, List<String> roles, Instant expiresAt) throws Exception {
        return Jwts.hs256(
                Jwts.SECRET,
                Jwts.claims(subject, roles, Duration.ZERO)
                        .expirationTime(Date.from(expiresAt))
                        .build());
    }

    @Override
    protected String forge(String subject, Instant expiresAt) throws Exception {
        return Jwts.hs256(
                "another-secret-of-at-least-32-bytes!",
                Jwts.claims(subject, List.of(), Duration.ZERO)
                        .expirationTime(Date.from(expiresAt))
                        .build());
    }
}

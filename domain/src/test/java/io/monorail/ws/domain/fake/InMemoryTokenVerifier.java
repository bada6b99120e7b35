package io.monorail.ws.domain.fake;

import io.monorail.ws.domain.port.Principal;
import io.monorail.ws.domain.port.Verification;
import io.monorail.ws.domain.port.out.Clock;
import io.monorail.ws.domain.port.out.TokenVerifier;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link TokenVerifier} that knows the tokens it issued, checking their expiry on its clock. */
public final class InMemoryTokenVerifier implements TokenVerifier {
    private final Map<String, Principal> issued = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryTokenVerifier(Clock clock) {
        this.clock = clock;
    }

    /** A new token naming this subject and roles, valid until {@code expiresAt}. */
    public String issue(String subject, List<String> roles, Instant expiresAt) {
        String token = "token-" + UUID.randomUUID();
        issued.put(token, new Principal(subject, java.util.Set.copyOf(roles), expiresAt));
        return token;
    }

    @Override
    public Verification verify(String token) {
        Principal principal = issued.get(token);
        if (principal == null) {
            return Verification.refused("unknown token");
        }
        if (principal.expiredAt(clock.millis())) {
            return Verification.refused("expired");
        }
        return Verification.accepted(principal);
    }
}

package io.monorail.ws.domain.fake;

import io.monorail.ws.domain.port.out.TokenVerifier;
import io.monorail.ws.domain.port.out.TokenVerifierContract;
import java.time.Instant;
import java.util.List;

class InMemoryTokenVerifierTest extends TokenVerifierContract {
    private final InMemoryTokenVerifier verifier =
            new InMemoryTokenVerifier(System::currentTimeMillis);

    @Override
    protected TokenVerifier verifier() {
        return verifier;
    }

    @Override
    protected String issue(String subject, List<String> roles, Instant expiresAt) {
        return verifier.issue(subject, roles, expiresAt);
    }

    @Override
    protected String forge(String subject, Instant expiresAt) {
        return new InMemoryTokenVerifier(System::currentTimeMillis)
                .issue(subject, List.of(), expiresAt);
    }
}

package io.monorail.ws.domain.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import io.monorail.ws.domain.port.Principal;
import io.monorail.ws.domain.port.Verification;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TokenVerifier} does, checked against the in-memory fake and the JWT adapter.
 * Subclasses issue tokens the verifier under test should accept, and forged ones.
 */
public abstract class TokenVerifierContract {
    /** The verifier under test. */
    protected abstract TokenVerifier verifier();

    /** A token the verifier accepts until {@code expiresAt}, naming this subject and roles. */
    protected abstract String issue(String subject, List<String> roles, Instant expiresAt)
            throws Exception;

    /** A well-formed token the verifier must refuse: signed by someone else. */
    protected abstract String forge(String subject, Instant expiresAt) throws Exception;

    /** Now, on the clock the verifier judges expiry by, to whole seconds. */
    protected Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    @Test
    void validToken_yieldsItsSubjectRolesAndExpiry() throws Exception {
        Instant expiry = now().plus(Duration.ofHours(1));

        Verification result = verifier().verify(issue("alice", List.of("admin", "ops"), expiry));

        assertThat(result.isAccepted()).as("%s", result).isTrue();
        Principal principal = result.principal().orElseThrow();
        assertThat(principal.subject()).isEqualTo("alice");
        assertThat(principal.roles()).containsExactlyInAnyOrder("admin", "ops");
        assertThat(principal.expiresAt()).isAfterOrEqualTo(expiry);
    }

    @Test
    void tokenWithoutRoles_yieldsNoRoles() throws Exception {
        Verification result =
                verifier().verify(issue("bob", List.of(), now().plus(Duration.ofHours(1))));

        assertThat(result.principal().orElseThrow().roles()).isEmpty();
    }

    @Test
    void expiredToken_isRefused() throws Exception {
        Verification result =
                verifier().verify(issue("carol", List.of(), now().minus(Duration.ofHours(1))));

        assertThat(result.isAccepted()).isFalse();
        assertThat(result.failure()).isPresent();
    }

    @Test
    void forgedToken_isRefused() throws Exception {
        Verification result = verifier().verify(forge("mallory", now().plus(Duration.ofHours(1))));

        assertThat(result.isAccepted()).isFalse();
    }

    @Test
    void garbage_isRefused_withoutThrowing() {
        for (String garbage : List.of("", "not a token", "a.b.c", "..", "e30.e30.")) {
            assertThat(verifier().verify(garbage).isAccepted()).as(garbage).isFalse();
        }
    }
}

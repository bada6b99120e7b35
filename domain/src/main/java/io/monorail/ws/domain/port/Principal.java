package io.monorail.ws.domain.port;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Who a connection acts for: the subject its token names, the roles it grants, and when it stops
 * being valid.
 *
 * @param subject the token's subject ({@code anonymous} when authentication is off)
 * @param roles the roles the token grants; empty when it names none
 * @param expiresAt when the token stops being valid, or null for never (no authentication)
 */
public record Principal(String subject, Set<String> roles, Instant expiresAt) {
    /** Everyone, when authentication is off. */
    public static final Principal ANONYMOUS = new Principal("anonymous", Set.of(), null);

    public Principal {
        Objects.requireNonNull(subject, "subject");
        roles = Set.copyOf(roles);
    }

    /** True when this principal is no longer valid at {@code nowMillis}. */
    public boolean expiredAt(long nowMillis) {
        return expiresAt != null && expiresAt.toEpochMilli() <= nowMillis;
    }

    @Override
    public String toString() {
        return "principal " + subject + " " + roles;
    }
}

package io.monorail.ws.domain.port;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of checking a token: the principal it names, or a short fixed reason for refusing it
 * (never the token's text, so the reason is safe to log and to send).
 */
public final class Verification {
    private final Principal principal;
    private final String failure;

    private Verification(Principal principal, String failure) {
        this.principal = principal;
        this.failure = failure;
    }

    public static Verification accepted(Principal principal) {
        return new Verification(Objects.requireNonNull(principal, "principal"), null);
    }

    /**
     * @param reason a fixed phrase such as {@code "expired"}; never text taken from the token
     */
    public static Verification refused(String reason) {
        return new Verification(null, Objects.requireNonNull(reason, "reason"));
    }

    public boolean isAccepted() {
        return principal != null;
    }

    /** The principal, when accepted. */
    public Optional<Principal> principal() {
        return Optional.ofNullable(principal);
    }

    /** Why it was refused, or empty when accepted. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public String toString() {
        return principal != null ? "accepted " + principal : "refused: " + failure;
    }
}

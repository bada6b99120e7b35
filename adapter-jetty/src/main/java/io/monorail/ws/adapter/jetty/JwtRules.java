package io.monorail.ws.adapter.jetty;

import java.time.Duration;
import java.util.Objects;

/**
 * What a JWT must say besides a good signature, and where its roles are.
 *
 * @param issuer the required {@code iss}, or null for any
 * @param audience a value {@code aud} must hold, or null for any
 * @param rolesClaim the claim holding the roles, an array of strings (a dotted name such as {@code
 *     realm_access.roles} looks into nested objects)
 * @param clockSkew how far the issuer's clock may be from ours; a token counts as valid until its
 *     {@code exp} plus this
 */
public record JwtRules(String issuer, String audience, String rolesClaim, Duration clockSkew) {
    public static final String DEFAULT_ROLES_CLAIM = "roles";
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);

    public JwtRules {
        Objects.requireNonNull(rolesClaim, "rolesClaim");
        Objects.requireNonNull(clockSkew, "clockSkew");
        if (rolesClaim.isBlank()) {
            throw new IllegalArgumentException("rolesClaim must not be blank");
        }
        if (clockSkew.isNegative() || clockSkew.toSeconds() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("clockSkew must be zero or positive");
        }
    }

    /** Any issuer and audience, roles in {@code roles}, 30 s of clock skew. */
    public static JwtRules defaults() {
        return new JwtRules(null, null, DEFAULT_ROLES_CLAIM, DEFAULT_CLOCK_SKEW);
    }
}

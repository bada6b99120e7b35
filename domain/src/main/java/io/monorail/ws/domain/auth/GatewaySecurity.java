package io.monorail.ws.domain.auth;

import java.util.Objects;

/**
 * Who may connect and what they may do.
 *
 * @param authentication whether clients present tokens, and how they are checked
 * @param policy which resources each role may read and watch
 */
public record GatewaySecurity(Authentication authentication, AccessPolicy policy) {
    public GatewaySecurity {
        Objects.requireNonNull(authentication, "authentication");
        Objects.requireNonNull(policy, "policy");
    }

    /** No authentication, everything allowed: the embedded default on loopback, and tests. */
    public static GatewaySecurity open() {
        return new GatewaySecurity(Authentication.none(), AccessPolicy.allowAll());
    }
}

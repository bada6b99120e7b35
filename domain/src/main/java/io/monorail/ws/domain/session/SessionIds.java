package io.monorail.ws.domain.session;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Session ids are capabilities (whoever holds one may resume the session), so they carry 144 random
 * bits and only a prefix of one is ever logged.
 */
public final class SessionIds {
    private static final int RANDOM_BYTES = 18;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionIds() {}

    /** A fresh, unguessable id: 24 URL-safe characters. */
    public static String generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The part of an id that may appear in logs. */
    public static String redact(String id) {
        if (id == null) {
            return "-";
        }
        return id.length() <= 6 ? "***" : id.substring(0, 6) + "...";
    }
}

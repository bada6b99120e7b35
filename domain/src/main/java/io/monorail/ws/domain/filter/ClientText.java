package io.monorail.ws.domain.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** How error messages show what a client sent: names quoted and bounded, values by JSON type. */
final class ClientText {
    private static final int MAX_QUOTED_LENGTH = 64;

    private ClientText() {}

    /** The JSON type of a client value, with its article, for messages: "a string". */
    static String typeOf(JsonNode value) {
        return switch (value.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "a " + value.getNodeType().name().toLowerCase(Locale.ROOT) + " value";
        };
    }

    /**
     * Quotes a client-supplied name for a message: control characters escaped and long names cut,
     * so the message stays one short line whatever the client sent.
     */
    static String quote(String name) {
        StringBuilder out = new StringBuilder(Math.min(name.length(), MAX_QUOTED_LENGTH) + 8);
        out.append('\'');
        int end = Math.min(name.length(), MAX_QUOTED_LENGTH);
        if (end < name.length() && Character.isHighSurrogate(name.charAt(end - 1))) {
            end--; // never cut a character in half
        }
        for (int i = 0; i < end; i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (end < name.length()) {
            out.append("...");
        }
        return out.append('\'').toString();
    }
}

package io.monorail.ws.protocol;

/**
 * How messages repeat text a client sent (a name, a routing key, a handler): bounded and with
 * control characters escaped, so an error message or a log line stays one short line whatever the
 * client sent.
 */
public final class ClientText {
    /** The most characters of client text repeated. */
    public static final int MAX_LENGTH = 64;

    private ClientText() {}

    /**
     * At most {@value #MAX_LENGTH} characters (then "..."), control characters as {@code \\uXXXX}.
     */
    public static String abbreviate(String text) {
        int end = Math.min(text.length(), MAX_LENGTH);
        if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never cut a character in half
        }
        StringBuilder out = new StringBuilder(end + 8);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (end < text.length()) {
            out.append("...");
        }
        return out.toString();
    }

    /** {@link #abbreviate}d and in single quotes: {@code 'name'}. */
    public static String quote(String text) {
        return "'" + abbreviate(text) + "'";
    }
}

package io.monorail.ws.domain;

/** Client-supplied text made safe to repeat in a message. */
public final class Text {
    private static final int MAX = 64;

    private Text() {}

    /** At most 64 characters, control characters escaped. */
    public static String abbreviate(String text) {
        String cut = text.length() <= MAX ? text : text.substring(0, MAX) + "...";
        StringBuilder safe = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            if (Character.isISOControl(c)) {
                safe.append(String.format("\\u%04x", (int) c));
            } else {
                safe.append(c);
            }
        }
        return safe.toString();
    }
}

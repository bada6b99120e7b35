package io.monorail.ws.load.server;

import java.util.Arrays;

/** The servers a comparison puts side by side, in table order. */
public enum ServerKind {
    STOMP("stomp", "Web-STOMP"),
    BARE_EACH("bare-each", "bare Jetty, one write per delivery"),
    BARE_BATCHED("bare-batched", "bare Jetty, batched"),
    MONORAIL("monorail", "monorail-ws");

    private final String key;
    private final String title;

    ServerKind(String key, String title) {
        this.key = key;
        this.title = title;
    }

    /** Name on the command line and in the JSON. */
    public String key() {
        return key;
    }

    /** Column heading. */
    public String title() {
        return title;
    }

    /** Whether it keeps sessions a client can resume (only the gateway does). */
    public boolean hasSessions() {
        return this == MONORAIL;
    }

    /** The kind named {@code key} on the command line. */
    public static ServerKind of(String key) {
        return Arrays.stream(values())
                .filter(k -> k.key.equals(key))
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "unknown server '"
                                                + key
                                                + "'; one of "
                                                + Arrays.stream(values())
                                                        .map(ServerKind::key)
                                                        .toList()));
    }
}

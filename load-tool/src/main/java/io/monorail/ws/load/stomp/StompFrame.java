package io.monorail.ws.load.stomp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One STOMP 1.2 frame: a command, its headers in order (the first of a repeated name wins), a body.
 */
public record StompFrame(String command, Map<String, String> headers, String body) {
    public StompFrame {
        Objects.requireNonNull(command, "command");
        if (command.isEmpty() || command.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("bad STOMP command: '" + command + "'");
        }
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body == null ? "" : body;
    }

    /** A frame without a body. */
    public static StompFrame of(String command, Map<String, String> headers) {
        return new StompFrame(command, headers, "");
    }

    /** The header's value, or null. */
    public String header(String name) {
        return headers.get(name);
    }
}

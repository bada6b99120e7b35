package io.monorail.ws.domain.auth;

/** What a client does to a resource, as the access policy sees it. */
public enum Action {
    /** {@code query}, {@code all}, {@code get}. */
    READ("read"),
    /** {@code watch}, {@code stop}. */
    WATCH("watch");

    private final String wire;

    Action(String wire) {
        this.wire = wire;
    }

    /** The name used in policy files and messages. */
    public String wire() {
        return wire;
    }

    /** The action of a handler, or null for handlers that touch no resource. */
    public static Action of(String handler) {
        return switch (handler) {
            case "query", "all", "get" -> READ;
            case "watch", "stop" -> WATCH;
            default -> null;
        };
    }
}

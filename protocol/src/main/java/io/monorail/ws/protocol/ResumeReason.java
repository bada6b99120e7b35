package io.monorail.ws.protocol;

/** Why an {@code init} that asked to resume got a new session ({@code "resumed": false}). */
public enum ResumeReason {
    /** Messages after the client's {@code seq} are no longer buffered. */
    GAP("gap"),
    /** No session with that id is known here (never was, expired, or another subject's). */
    UNKNOWN_SESSION("unknown_session"),
    /** The client claims a {@code seq} the session never reached. */
    UNKNOWN_SEQ("unknown_seq");

    private final String wire;

    ResumeReason(String wire) {
        this.wire = wire;
    }

    /** The reason as it appears on the wire. */
    public String wire() {
        return wire;
    }

    /** The reason for a wire name, or null when unknown. */
    public static ResumeReason fromWire(String wire) {
        for (ResumeReason reason : values()) {
            if (reason.wire.equals(wire)) {
                return reason;
            }
        }
        return null;
    }
}

package io.monorail.ws.protocol;

/**
 * The WebSocket close codes the gateway uses, with what each means for a client: whether it should
 * reconnect, and whether its session survives.
 */
public enum CloseCode {
    /** The peer went quiet past the idle timeout. */
    GOING_AWAY(1001, "idle timeout"),
    /** The client kept sending over its message rate. */
    POLICY_VIOLATION(1008, "rate limit exceeded"),
    /** A frame over the size limit. */
    MESSAGE_TOO_BIG(1009, "frame too large"),
    /** The gateway is restarting: reconnect (to another instance) at once. */
    SERVICE_RESTART(1012, "gateway restarting"),
    /** The client did not read fast enough; its session stays resumable for the grace period. */
    TOO_SLOW(1013, "client too slow"),
    /** The token expired and no fresh one arrived in band. */
    TOKEN_EXPIRED(4001, "token expired"),
    /** Another connection resumed this connection's session: do not reconnect. */
    SESSION_TAKEN_OVER(4002, "session resumed by another connection");

    private final int code;
    private final String reason;

    CloseCode(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    /** The numeric code sent in the close frame. */
    public int code() {
        return code;
    }

    /** The reason text sent with it. */
    public String reason() {
        return reason;
    }

    /** The constant for a numeric code, or null when the gateway does not use it. */
    public static CloseCode of(int code) {
        for (CloseCode value : values()) {
            if (value.code == code) {
                return value;
            }
        }
        return null;
    }
}

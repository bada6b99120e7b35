package io.monorail.ws.protocol;

/** Stable error codes carried in {@code error} frames; clients may switch on {@link #wire()}. */
public enum ErrorCode {
    BAD_JSON("bad_json"),
    MISSING_HANDLER("missing_handler"),
    UNKNOWN_HANDLER("unknown_handler"),
    UNKNOWN_TYPE("unknown_type"),
    BAD_PARAMS("bad_params"),
    FORBIDDEN_OPERATOR("forbidden_operator"),
    NOT_SUPPORTED("not_supported"),
    UNAUTHORIZED("unauthorized"),
    FORBIDDEN("forbidden"),
    TOO_MANY_WATCHES("too_many_watches"),
    RATE_LIMITED("rate_limited"),
    STORE_UNAVAILABLE("store_unavailable"),
    BUS_UNAVAILABLE("bus_unavailable"),
    INTERNAL("internal");

    private final String wire;

    ErrorCode(String wire) {
        this.wire = wire;
    }

    /** The code as it appears on the wire, e.g. {@code bad_json}. */
    public String wire() {
        return wire;
    }

    /** The code for a wire name, or {@code null} when the name is not a known code. */
    public static ErrorCode fromWire(String wire) {
        for (ErrorCode code : values()) {
            if (code.wire.equals(wire)) {
                return code;
            }
        }
        return null;
    }
}

package io.monorail.ws.domain.filter;

/** A filter the gateway refuses; the message is a short sentence safe to show to the client. */
public final class FilterException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the filter was refused. */
    public enum Kind {
        /** An operator outside the supported subset, such as {@code $where}. */
        FORBIDDEN_OPERATOR,
        /** A supported operator or field used with the wrong shape, or a filter over a limit. */
        BAD_PARAMS
    }

    private final Kind kind;

    public FilterException(Kind kind, String message) {
        // Client mistakes are values, not incidents: no stack trace to fill.
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    static FilterException forbidden(String operator) {
        return new FilterException(
                Kind.FORBIDDEN_OPERATOR,
                "operator "
                        + io.monorail.ws.protocol.ClientText.quote(operator)
                        + " is not allowed");
    }

    static FilterException badParams(String message) {
        return new FilterException(Kind.BAD_PARAMS, message);
    }
}

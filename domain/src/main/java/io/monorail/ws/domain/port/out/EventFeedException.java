package io.monorail.ws.domain.port.out;

/**
 * Why a binding could not be made. {@link Reason#UNAVAILABLE} when the bus cannot be reached;
 * {@link Reason#REJECTED} when the bus refused it (e.g. the exchange exists with other attributes).
 * The message is safe to show to a client.
 */
public final class EventFeedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the feed failed. */
    public enum Reason {
        UNAVAILABLE,
        REJECTED
    }

    private final Reason reason;

    public EventFeedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public EventFeedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

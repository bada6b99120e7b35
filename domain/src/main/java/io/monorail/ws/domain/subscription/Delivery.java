package io.monorail.ws.domain.subscription;

/**
 * How an event reaches the watches of one filtered group: as it is, or as a document entering or
 * leaving the set of documents the filter matches.
 */
public enum Delivery {
    /** The event as the resource presents it. */
    AS_IS(null),
    /** A document that did not match before and matches now: an {@code item}. */
    ENTER("enter"),
    /** A document that matched before and no longer does: a {@code remove}. */
    LEAVE("leave"),
    /**
     * A document that does not match now, of which the group knows nothing yet: a {@code remove}
     * that only a watch reading its snapshot needs, and only when that snapshot showed it.
     */
    LEAVE_IF_SHOWN("leave");

    private final String reason;

    Delivery(String reason) {
        this.reason = reason;
    }

    /** The {@code reason} the frame carries, or null. */
    public String reason() {
        return reason;
    }

    public boolean leaves() {
        return this == LEAVE || this == LEAVE_IF_SHOWN;
    }
}

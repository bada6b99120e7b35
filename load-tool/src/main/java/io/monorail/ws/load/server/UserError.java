package io.monorail.ws.load.server;

/** A problem the person running the tool can fix; printed as its message alone, no stack trace. */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }
}

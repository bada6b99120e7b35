package io.monorail.ws.domain.error;

import io.monorail.ws.protocol.ErrorCode;

/** A request the gateway refuses, with the code and message the client receives. */
public final class RequestException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public RequestException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}

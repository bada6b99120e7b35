package io.monorail.ws.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A frame that breaks the protocol, with the error code the peer should receive. */
public final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final transient ObjectNode frame;

    public ProtocolException(ErrorCode code, String message) {
        this(code, message, null);
    }

    /** {@code frame} is the parsed object when the frame was JSON, so replies can echo its ref. */
    public ProtocolException(ErrorCode code, String message, ObjectNode frame) {
        super(message, null, false, false);
        this.code = code;
        this.frame = frame;
    }

    public ErrorCode code() {
        return code;
    }

    /** The parsed frame, or {@code null} when the text was not a JSON object. */
    public ObjectNode frame() {
        return frame;
    }
}

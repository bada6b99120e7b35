package io.monorail.ws.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.monorail.ws.protocol.ErrorCode;
import io.monorail.ws.protocol.Message;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a request or a watch of the client failed: an {@code error} frame from the server (with its
 * stable code), no answer in time, or the connection went away.
 */
public final class MonorailException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of failure this is. */
    public enum Reason {
        /** The server answered with an {@code error} frame; see {@link #code()}. */
        ERROR_FRAME,
        /** No answer within the client's request timeout. */
        TIMEOUT,
        /** The connection the request was sent on dropped before the answer came. */
        CONNECTION_LOST,
        /** The client was disconnected or closed by the application. */
        CLOSED,
        /** The server answered with a frame that does not fit the request. */
        UNEXPECTED_REPLY
    }

    private final Reason reason;
    private final String wireCode;
    private final transient Message frame;

    MonorailException(Reason reason, String message) {
        this(reason, message, null, null);
    }

    private MonorailException(Reason reason, String message, String wireCode, Message frame) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.wireCode = wireCode;
        this.frame = frame;
    }

    /** The failure an {@code error} frame reports. */
    static MonorailException fromErrorFrame(Message frame) {
        JsonNode params = frame.params();
        String code = params == null ? null : textOrNull(params.get("code"));
        String text = params == null ? null : textOrNull(params.get("message"));
        String summary =
                (code == null ? "error" : code)
                        + (text == null ? "" : ": " + text)
                        + (frame.type() == null ? "" : " (type " + frame.type() + ")");
        return new MonorailException(Reason.ERROR_FRAME, summary, code, frame);
    }

    /** A reply that does not answer the request it is correlated with. */
    static MonorailException unexpectedReply(String expected, Message frame) {
        return new MonorailException(
                Reason.UNEXPECTED_REPLY,
                "expected " + expected + " but the server answered " + frame.handler(),
                null,
                frame);
    }

    public Reason reason() {
        return reason;
    }

    /**
     * The error code of an {@code error} frame, when it is one this client knows; see {@link
     * #wireCode()} for codes added by newer servers.
     */
    public Optional<ErrorCode> code() {
        return Optional.ofNullable(wireCode).map(ErrorCode::fromWire);
    }

    /** The error code exactly as the server sent it, e.g. {@code unknown_type}. */
    public Optional<String> wireCode() {
        return Optional.ofNullable(wireCode);
    }

    /** The frame that caused this failure: the {@code error} frame, or the unexpected reply. */
    public Optional<Message> frame() {
        return Optional.ofNullable(frame);
    }

    private static String textOrNull(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }
}

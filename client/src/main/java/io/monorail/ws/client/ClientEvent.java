package io.monorail.ws.client;

import io.monorail.ws.protocol.Message;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Something that happened to a {@link MonorailClient}, as delivered to listeners registered with
 * {@link MonorailClient#on}: a frame received, a change of the connection, or a failure.
 *
 * <p>Event names:
 *
 * <ul>
 *   <li>{@value #OPEN}: the WebSocket opened (every connection, reconnects included).
 *   <li>{@value #CLOSE}: the WebSocket closed or dropped; {@link #closeCode()} and {@link
 *       #reason()} say how. Code 4002 means another connection resumed this client's session: the
 *       client then stops reconnecting and forgets that session.
 *   <li>{@value #ERROR}: two kinds, told apart by {@link #isErrorFrame()}. A <em>transport</em>
 *       error (a connection attempt failed, the socket broke, the server sent something that is not
 *       a protocol frame) has no {@link #message()} and the cause in {@link #error()}. An {@code
 *       error} <em>frame</em> from the server has the frame in {@link #message()} and a {@link
 *       MonorailException} built from it in {@link #error()}.
 *   <li>{@value #MESSAGE}: every frame received, before its handler event.
 *   <li>{@value #INIT}: a {@code session} was established; the frame is in {@link #message()}.
 *   <li>{@value #RESYNC}: after a reconnect the session could not be resumed (or there was none to
 *       resume): watches were set up again on a new session, but messages may have been missed, so
 *       the application should re-query what it shows. {@link #reason()} says why.
 *   <li>{@value #READY}: the connection is usable: open, the session handshake done, the watches in
 *       place and queued requests sent.
 *   <li>any handler name ({@code session}, {@code list}, {@code item}, {@code remove}, {@code
 *       error}, ...): a frame with that handler, in {@link #message()}.
 * </ul>
 */
public final class ClientEvent {
    public static final String OPEN = "open";
    public static final String CLOSE = "close";
    public static final String ERROR = "error";
    public static final String MESSAGE = "message";
    public static final String INIT = "init";
    public static final String RESYNC = "resync";
    public static final String READY = "ready";

    private final String name;
    private final Message message;
    private final Throwable error;
    private final String reason;
    private final int closeCode;

    private ClientEvent(
            String name, Message message, Throwable error, String reason, int closeCode) {
        this.name = Objects.requireNonNull(name, "name");
        this.message = message;
        this.error = error;
        this.reason = reason;
        this.closeCode = closeCode;
    }

    static ClientEvent of(String name) {
        return new ClientEvent(name, null, null, null, -1);
    }

    static ClientEvent frame(String name, Message message) {
        Throwable error =
                ERROR.equals(message.handler()) ? MonorailException.fromErrorFrame(message) : null;
        return new ClientEvent(name, message, error, null, -1);
    }

    static ClientEvent transportError(Throwable cause) {
        return new ClientEvent(ERROR, null, cause, null, -1);
    }

    static ClientEvent close(int code, String reason) {
        return new ClientEvent(CLOSE, null, null, reason, code);
    }

    static ClientEvent resync(String reason, Message session) {
        return new ClientEvent(RESYNC, session, null, reason, -1);
    }

    /** The event name this was delivered under. */
    public String name() {
        return name;
    }

    /** The frame this event is about, when it is about one. */
    public Optional<Message> message() {
        return Optional.ofNullable(message);
    }

    /** The failure, for {@value #ERROR} events. */
    public Optional<Throwable> error() {
        return Optional.ofNullable(error);
    }

    /** Why: the close reason of {@value #CLOSE}, the server's reason of {@value #RESYNC}. */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    /** The WebSocket close status of a {@value #CLOSE} event (1006 for an abrupt drop). */
    public OptionalInt closeCode() {
        return closeCode < 0 ? OptionalInt.empty() : OptionalInt.of(closeCode);
    }

    /** True for an {@code error} frame sent by the server, false for a transport error. */
    public boolean isErrorFrame() {
        return message != null && ERROR.equals(message.handler());
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("ClientEvent[").append(name);
        if (message != null) {
            text.append(' ').append(message);
        }
        if (error != null && message == null) {
            text.append(' ').append(error);
        }
        if (closeCode >= 0) {
            text.append(' ').append(closeCode);
        }
        if (reason != null) {
            text.append(' ').append(reason);
        }
        return text.append(']').toString();
    }
}

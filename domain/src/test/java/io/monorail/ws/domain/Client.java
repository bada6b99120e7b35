package io.monorail.ws.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.monorail.ws.domain.fake.RecordingClientConnection;
import io.monorail.ws.domain.port.ClientConnection;
import io.monorail.ws.domain.port.Principal;
import io.monorail.ws.domain.port.in.ClientSession;
import io.monorail.ws.domain.port.in.Handshake;
import io.monorail.ws.protocol.Message;
import io.monorail.ws.protocol.MessageCodec;
import java.util.List;

/** A client of the domain in tests: sends frames to its session, reads what it was sent. */
final class Client {
    final RecordingClientConnection connection;
    final ClientSession session;
    private final MessageCodec codec;
    private int read;

    Client(RecordingClientConnection connection, ClientSession session, MessageCodec codec) {
        this.connection = connection;
        this.session = session;
        this.codec = codec;
    }

    /** The handshake of a client of a gateway without authentication. */
    static Handshake anonymous(ClientConnection connection, String channel) {
        return new Handshake(connection, channel, Principal.ANONYMOUS);
    }

    void send(String text) {
        session.onText(text);
    }

    /** The next frame not yet read; the fakes deliver synchronously, so it is there or never. */
    Message next() {
        List<String> sent = connection.sent();
        assertThat(sent).as("frames sent to the client").hasSizeGreaterThan(read);
        return decode(sent.get(read++));
    }

    List<Message> drainMessages() {
        List<String> sent = connection.sent();
        List<Message> messages =
                sent.subList(read, sent.size()).stream().map(this::decode).toList();
        read = sent.size();
        return messages;
    }

    /** Sends {@code init} and returns the session id it was given. */
    String initAndGetId() {
        send("{\"handler\":\"init\"}");
        Message session = next();
        assertThat(session.handler()).isEqualTo("session");
        return session.id().textValue();
    }

    /** Drops the connection the way a dead socket does: no goodbye. */
    void drop() {
        session.onClose();
    }

    private Message decode(String text) {
        try {
            return codec.decode(text);
        } catch (Exception e) {
            throw new AssertionError("server sent a frame that does not decode: " + text, e);
        }
    }
}

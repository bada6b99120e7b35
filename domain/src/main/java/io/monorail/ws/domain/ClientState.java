package io.monorail.ws.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monorail.ws.domain.port.ClientConnection;
import io.monorail.ws.domain.port.Principal;
import io.monorail.ws.domain.session.Session;
import io.monorail.ws.protocol.ErrorCode;
import io.monorail.ws.protocol.Frames;
import io.monorail.ws.protocol.Message;
import io.monorail.ws.protocol.MessageCodec;
import io.monorail.ws.protocol.TypeField;

/**
 * What one connection carries from request to request: how to reach the client, the resource its
 * URL names, its session (replaced by a resume) and its principal (replaced by a token refresh).
 * Frames of one connection never overlap, so only the expiry sweep reads it concurrently.
 */
final class ClientState {
    private final ClientConnection connection;
    private final String channel;
    private final MessageCodec codec;
    private volatile Session session;
    private volatile Principal principal;

    ClientState(
            ClientConnection connection, String channel, Principal principal, MessageCodec codec) {
        this.connection = connection;
        this.channel = channel;
        this.principal = principal;
        this.codec = codec;
    }

    ClientConnection connection() {
        return connection;
    }

    /** The resource the connection's URL names, or null. */
    String channel() {
        return channel;
    }

    Session session() {
        return session;
    }

    void session(Session current) {
        this.session = current;
    }

    Principal principal() {
        return principal;
    }

    void principal(Principal current) {
        this.principal = current;
    }

    MessageCodec codec() {
        return codec;
    }

    /** Sends {@code frame} as the answer to {@code request} (echoing its {@code ref}). */
    void reply(Message request, ObjectNode frame) {
        Frames.withRef(frame, request == null ? null : request.ref());
        connection.send(codec.encode(frame));
    }

    /**
     * Answers {@code request} with an {@code error}; its type is the one the request named, else
     * the channel's.
     */
    void replyError(Message request, ErrorCode code, String text, String rawRequest) {
        String type = request == null ? null : request.type();
        if (type == null && request != null && request.typeNode() == null) {
            type = channel;
        }
        replyError(request, code, text, rawRequest, type);
    }

    void replyError(Message request, ErrorCode code, String text, String rawRequest, String type) {
        TypeField field = request == null ? TypeField.TYPE : request.typeField();
        reply(request, Frames.error(field, type, code, text, rawRequest));
    }
}

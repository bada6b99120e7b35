package io.monorail.ws.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monorail.ws.domain.error.RequestException;
import io.monorail.ws.domain.journal.FrameJournal;
import io.monorail.ws.domain.port.ClientConnection;
import io.monorail.ws.domain.port.Principal;
import io.monorail.ws.domain.port.out.SessionRecord;
import io.monorail.ws.domain.session.Session;
import io.monorail.ws.domain.session.SessionDirectory;
import io.monorail.ws.domain.session.SessionIds;
import io.monorail.ws.domain.session.SessionLimits;
import io.monorail.ws.protocol.CloseCode;
import io.monorail.ws.protocol.ErrorCode;
import io.monorail.ws.protocol.Frames;
import io.monorail.ws.protocol.Message;
import io.monorail.ws.protocol.MessageCodec;
import io.monorail.ws.protocol.ResumeReason;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * {@code init}: announces a connection's session, or resumes an earlier one with its missed
 * messages; and what becomes of a session when its connection closes.
 */
final class SessionRequests {
    private static final System.Logger LOG = System.getLogger(SessionRequests.class.getName());

    private final SessionDirectory directory;
    private final MessageCodec codec;
    private final FrameJournal journal;
    private final SessionLimits limits;
    // Cluster mode only: resumes sessions another instance held.
    private final SessionTakeover takeover;

    SessionRequests(
            SessionDirectory directory,
            MessageCodec codec,
            FrameJournal journal,
            SessionLimits limits,
            SessionTakeover takeover) {
        this.directory = directory;
        this.codec = codec;
        this.journal = journal;
        this.limits = limits;
        this.takeover = takeover;
    }

    /** A fresh session for a new connection; the client learns its id on {@code init}. */
    Session open(ClientConnection connection, Principal principal) {
        return new Session(
                SessionIds.generate(), principal.subject(), connection, codec, journal, limits);
    }

    /** {@code init}, plain or with the {@code id} and {@code seq} of a session to resume. */
    void init(ClientState client, Message message) throws RequestException {
        JsonNode previous = message.id();
        if (previous == null) {
            announce(client, message, Frames.session(client.session().id()));
            return;
        }
        if (!previous.isTextual()) {
            throw new RequestException(ErrorCode.BAD_PARAMS, "id must be a session id string");
        }
        JsonNode seqNode = message.get("seq");
        if (seqNode != null && (!seqNode.isIntegralNumber() || seqNode.longValue() < 0)) {
            throw new RequestException(ErrorCode.BAD_PARAMS, "seq must be a non-negative integer");
        }
        long seen = seqNode == null ? 0 : seqNode.longValue();
        Optional<Session> found = directory.find(previous.textValue());
        if (found.isEmpty() && takeover != null) {
            found = takeOver(client, message, previous.textValue(), seen);
            if (found == null) {
                return; // refused and answered
            }
        }
        if (found.isEmpty() || !found.get().owner().equals(client.principal().subject())) {
            // Another subject's session is indistinguishable from one that does not exist.
            notResumed(client, message, ResumeReason.UNKNOWN_SESSION, previous.textValue());
            return;
        }
        resume(client, message, found.get(), seen);
    }

    /**
     * Cluster mode: the session held by another instance, taken over here; empty when no instance
     * holds it for this client's subject; null when it was refused, and the client answered.
     */
    private Optional<Session> takeOver(ClientState client, Message message, String id, long seen) {
        String subject = client.principal().subject();
        Optional<SessionRecord> record =
                directory.record(id).filter(found -> found.owner().equals(subject));
        if (record.isEmpty()) {
            return Optional.empty();
        }
        SessionTakeover.Outcome outcome = takeover.take(record.get(), client.principal(), seen);
        if (outcome.session() == null) {
            notResumed(client, message, outcome.refused(), id);
            return null;
        }
        return Optional.of(outcome.session());
    }

    private void resume(ClientState client, Message message, Session old, long seen) {
        ObjectNode reply = Frames.withRef(Frames.session(old.id(), true, null), message.ref());
        Optional<Session.ResumeResult> resumed =
                old.resume(client.connection(), seen, codec.encode(reply));
        if (resumed.isEmpty()) {
            ResumeReason reason =
                    seen > old.lastSeq() ? ResumeReason.UNKNOWN_SEQ : ResumeReason.GAP;
            if (old.detachedAt() >= 0 && old.expire()) {
                directory.end(old); // nobody can resume it any more
            }
            notResumed(client, message, reason, old.id());
            return;
        }
        Session replaced = client.session();
        client.session(old);
        if (replaced != old) {
            directory.end(replaced);
        }
        directory.changed(old);
        ClientConnection previousConnection = resumed.get().previous();
        if (previousConnection != null) {
            previousConnection.close(
                    CloseCode.SESSION_TAKEN_OVER.code(), CloseCode.SESSION_TAKEN_OVER.reason());
        }
        LOG.log(
                Level.DEBUG,
                "{0} resumed by {1}, {2} messages replayed",
                old,
                client.connection().remoteAddress(),
                resumed.get().replayed());
    }

    /** The connection closed: its session waits for a resume, or ends if nobody can resume it. */
    void closed(ClientState client, long nowMillis) {
        Session current = client.session();
        if (!current.detach(client.connection(), nowMillis)) {
            return; // another connection resumed it: it lives on there
        }
        if (current.announced()) {
            directory.changed(current);
        } else {
            // The client never learned the id, so it cannot come back for it.
            directory.end(current);
        }
    }

    private void notResumed(
            ClientState client, Message message, ResumeReason reason, String askedFor) {
        LOG.log(
                Level.DEBUG,
                "resume of session {0} refused ({1}); new {2}",
                SessionIds.redact(askedFor),
                reason.wire(),
                client.session());
        announce(client, message, Frames.session(client.session().id(), false, reason));
    }

    private void announce(ClientState client, Message message, ObjectNode reply) {
        Session session = client.session();
        session.announce();
        directory.register(session);
        client.reply(message, reply);
    }
}

package io.monorail.ws.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monorail.ws.protocol.CloseCode;
import io.monorail.ws.protocol.Frames;
import io.monorail.ws.protocol.Message;
import io.monorail.ws.protocol.MessageCodec;
import io.monorail.ws.protocol.ProtocolException;
import io.monorail.ws.protocol.TypeField;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol as the client speaks it over the {@link Connector}'s connection: the session
 * handshake (init, resume), watches kept in place across connections, requests held until the
 * connection is usable, and every received frame turned into events. Confined to the event loop:
 * every method runs there.
 */
final class ClientCore implements Connector.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(ClientCore.class);

    /**
     * The gateway closes a connection with this when another connection resumed its session.
     * Resuming it back would take it from the other connection, and so on: this client stops.
     */
    static final int SESSION_TAKEN_OVER = CloseCode.SESSION_TAKEN_OVER.code();

    /** Frame handlers that must not be emitted under their name: those are lifecycle events. */
    private static final Set<String> RESERVED =
            Set.of(
                    ClientEvent.OPEN,
                    ClientEvent.CLOSE,
                    ClientEvent.MESSAGE,
                    ClientEvent.INIT,
                    ClientEvent.RESYNC,
                    ClientEvent.READY);

    private enum Handshake {
        NONE,
        INITIALIZING,
        RESUMING
    }

    private final Connector connector;
    private final EventListeners listeners;
    private final MessageCodec codec;
    private final TypeField typeField;
    private final Requests requests;
    private final SessionTracker session = new SessionTracker();
    private final Watches watches = new Watches();

    private Transport.Link link;
    private Handshake handshake = Handshake.NONE;

    /** Send init on every connection: autoInit, or the application called init(). */
    private boolean initWanted;

    /** The current connection has a session (its session frame arrived). */
    private boolean sessionOnLink;

    /** A connection was ready before: a later new session means the application must resync. */
    private boolean wasReady;

    ClientCore(
            Connector connector,
            EventListeners listeners,
            MessageCodec codec,
            TypeField typeField,
            Requests requests,
            boolean autoInit) {
        this.connector = connector;
        this.listeners = listeners;
        this.codec = codec;
        this.typeField = typeField;
        this.requests = requests;
        this.initWanted = autoInit;
    }

    /** The session id; readable from any thread. */
    String sessionId() {
        return session.id();
    }

    // ---- the connection ----

    @Override
    public void opened(Transport.Link opened) {
        link = opened;
        sessionOnLink = false;
        listeners.emit(ClientEvent.of(ClientEvent.OPEN));
        if (session.canResume()) {
            handshake = Handshake.RESUMING;
            sendNow(session.initFrame());
        } else {
            session.restartSeq();
            if (initWanted) {
                handshake = Handshake.INITIALIZING;
                sendNow(session.initFrame());
            } else {
                handshake = Handshake.NONE;
                becomeReady(false, wasReady ? "no_session" : null, null);
            }
        }
    }

    @Override
    public void received(String text) {
        Message frame;
        try {
            frame = codec.decode(text);
        } catch (ProtocolException e) {
            LOG.warn("the server sent a frame that is not one of the protocol: {}", e.getMessage());
            listeners.emit(ClientEvent.transportError(e));
            return;
        }
        OptionalLong seq = frame.seq();
        if (seq.isPresent() && !session.accept(seq.getAsLong())) {
            LOG.debug(
                    "dropping seq {} (already seen up to {})", seq.getAsLong(), session.lastSeq());
            return;
        }
        listeners.emit(ClientEvent.frame(ClientEvent.MESSAGE, frame));
        if (!RESERVED.contains(frame.handler())) {
            listeners.emit(ClientEvent.frame(frame.handler(), frame));
        }
        route(frame);
    }

    @Override
    public boolean reconnectAfter(int code) {
        return code != SESSION_TAKEN_OVER;
    }

    @Override
    public void lost(int code, String reason, boolean byApplication) {
        if (code == SESSION_TAKEN_OVER) {
            LOG.warn(
                    "another connection resumed this client's session; not reconnecting ({})",
                    reason);
            session.forget(); // a later connect() starts a new session rather than take it back
        }
        link = null;
        handshake = Handshake.NONE;
        sessionOnLink = false;
        if (!byApplication) {
            requests.connectionLost();
        }
        listeners.emit(ClientEvent.close(code, reason));
    }

    @Override
    public void failed(Throwable cause) {
        listeners.emit(ClientEvent.transportError(cause));
    }

    // ---- what the application asks for ----

    /** A request answered by a reply with the same ref. */
    void request(String ref, ObjectNode frame, CompletableFuture<Message> answer) {
        requests.track(ref, answer);
        if (usable()) {
            sendNow(frame);
            requests.sent(ref);
        } else {
            requests.queue(frame, ref);
        }
    }

    /** A request whose replies only go to the event listeners. */
    void send(ObjectNode frame) {
        if (usable()) {
            sendNow(frame);
        } else {
            requests.queue(frame, null);
        }
    }

    /** Wants the watch {@code key}: for {@code handle}, or for the raw API when it is null. */
    void watch(WatchKey key, JsonNode params, boolean snapshot, String ref, WatchHandle handle) {
        if (handle != null && !handle.isActive()) {
            return; // closed before it got here
        }
        WatchEntry entry = watches.find(key);
        if (entry == null) {
            entry = new WatchEntry(key, params, snapshot, ref);
            watches.add(entry);
            if (usable()) {
                sendWatch(entry);
            }
        }
        if (handle == null) {
            entry.raw = true;
        } else {
            entry.add(handle);
        }
    }

    /** A typed watch was closed. */
    void leave(WatchHandle handle) {
        WatchEntry entry = watches.find(handle.key());
        if (entry != null && entry.remove(handle) && entry.unused()) {
            watches.remove(entry);
            if (entry.onServer) {
                stopOnServer(entry.stopFrame(typeField));
            }
        }
    }

    /** The raw {@code stop}: ends the watch with these params, or every watch of the type. */
    void stop(String type, JsonNode params) {
        WatchKey key = params == null ? null : WatchKey.of(type, params);
        boolean serverHasOne = false;
        for (WatchEntry entry : watches.matching(type, key)) {
            watches.remove(entry);
            entry.end();
            serverHasOne |= entry.onServer;
        }
        ObjectNode frame = Frames.request("stop", typeField, type, params);
        if (link != null) {
            sendNow(frame); // like the seed: sent even when the client knows no such watch
        } else if (serverHasOne) {
            watches.oweStop(frame);
        }
    }

    /** Calls back with the session id once there is a session on the current connection. */
    void init(Consumer<String> callback) {
        initWanted = true;
        if (sessionOnLink) {
            callback.accept(session.id());
            return;
        }
        listeners.once(
                ClientEvent.INIT,
                event -> callback.accept(event.message().map(m -> m.text("id")).orElse(null)));
        if (link != null && handshake == Handshake.NONE) {
            handshake = Handshake.INITIALIZING;
            sendNow(session.initFrame());
        }
    }

    void ready(Runnable callback) {
        if (connector.state() == ConnectionState.READY) {
            callback.run();
        } else {
            listeners.once(ClientEvent.READY, event -> callback.run());
        }
    }

    CompletableFuture<Void> connect() {
        return connector.connect();
    }

    void disconnect() {
        connector.disconnect();
        requests.failAll(MonorailException.Reason.CLOSED, "disconnected by the application");
    }

    void close() {
        connector.close();
        requests.failAll(MonorailException.Reason.CLOSED, "client closed");
        watches.endAll();
    }

    // ---- inside ----

    private void route(Message frame) {
        if ("session".equals(frame.handler())) {
            onSession(frame);
            return;
        }
        JsonNode ref = frame.ref();
        if (ref != null) {
            String key = ref.isTextual() ? ref.textValue() : ref.toString();
            if (requests.answer(key, frame)) {
                return;
            }
            WatchEntry entry = watches.byRef(key);
            if (entry != null) {
                deliver(entry, frame);
            }
        } else if (frame.seq().isPresent() && frame.type() != null) {
            // A server that does not echo ref: unambiguous only with one watch of the type.
            WatchEntry entry = watches.soleOfType(frame.type());
            if (entry != null) {
                deliver(entry, frame);
            }
        }
    }

    private void deliver(WatchEntry entry, Message frame) {
        if ("error".equals(frame.handler())) {
            // The server refused (or dropped) the watch: it is over, the listener decides what
            // next.
            watches.remove(entry);
            entry.fail(MonorailException.fromErrorFrame(frame));
        } else {
            entry.deliver(frame);
        }
    }

    private void onSession(Message frame) {
        String previous = session.id();
        String id = frame.text("id");
        if (id == null) {
            LOG.warn("the server sent a session without an id: {}", frame);
            return;
        }
        Handshake answered = handshake;
        handshake = Handshake.NONE;
        session.established(id);
        sessionOnLink = true;
        switch (answered) {
            case RESUMING -> {
                boolean resumed = frame.flag("resumed") && id.equals(previous);
                if (!resumed) {
                    session.restartSeq();
                }
                listeners.emit(ClientEvent.frame(ClientEvent.INIT, frame));
                String reason = frame.text("reason");
                becomeReady(
                        resumed, resumed ? null : reason == null ? "not_resumed" : reason, frame);
            }
            case INITIALIZING -> {
                listeners.emit(ClientEvent.frame(ClientEvent.INIT, frame));
                if (connector.state() != ConnectionState.READY) {
                    becomeReady(false, wasReady ? "no_session" : null, frame);
                }
            }
            case NONE -> listeners.emit(ClientEvent.frame(ClientEvent.INIT, frame));
        }
    }

    /** The handshake is done: put the watches in place, send what waited, and say so. */
    private void becomeReady(boolean resumed, String resyncReason, Message sessionFrame) {
        if (resumed) {
            // The server re-established what it had; tell it what ended meanwhile, add what is new.
            watches.drainOwedStops().forEach(this::sendNow);
            for (WatchEntry entry : watches.all()) {
                if (!entry.onServer) {
                    sendWatch(entry);
                }
            }
        } else {
            watches.forgetServer();
            List<WatchEntry> all = watches.all();
            all.forEach(this::sendWatch);
        }
        requests.flush(this::sendNow);
        connector.markReady();
        wasReady = true;
        if (resyncReason != null) {
            LOG.info(
                    "new session {} ({}): the application must resync", session.id(), resyncReason);
            listeners.emit(ClientEvent.resync(resyncReason, sessionFrame));
        }
        listeners.emit(ClientEvent.of(ClientEvent.READY));
    }

    private void sendWatch(WatchEntry entry) {
        sendNow(entry.watchFrame(typeField));
        entry.onServer = true;
    }

    private void stopOnServer(ObjectNode stop) {
        // Frames of one connection are handled in order, so a stop during the handshake is fine.
        if (link != null) {
            sendNow(stop);
        } else {
            watches.oweStop(stop);
        }
    }

    private boolean usable() {
        return link != null && connector.state() == ConnectionState.READY;
    }

    private void sendNow(ObjectNode frame) {
        if (link == null) {
            LOG.debug("not connected: not sending {}", frame);
            return;
        }
        link.send(codec.encode(frame));
    }
}

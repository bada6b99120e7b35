package io.monorail.ws.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.monorail.ws.protocol.Message;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The application's handle on a typed watch; delivers to its listener while active. */
final class WatchHandle implements Watch {
    private static final Logger LOG = LoggerFactory.getLogger(WatchHandle.class);

    private final WatchKey key;
    private final JsonNode params;
    private final WatchListener listener;
    private final Consumer<WatchHandle> onClose;
    private final AtomicBoolean active = new AtomicBoolean(true);

    WatchHandle(
            WatchKey key, JsonNode params, WatchListener listener, Consumer<WatchHandle> onClose) {
        this.key = key;
        this.params = params;
        this.listener = listener;
        this.onClose = onClose;
    }

    WatchKey key() {
        return key;
    }

    @Override
    public String type() {
        return key.type();
    }

    @Override
    public JsonNode params() {
        return params == null ? null : params.deepCopy();
    }

    @Override
    public boolean isActive() {
        return active.get();
    }

    @Override
    public void close() {
        if (active.compareAndSet(true, false)) {
            onClose.accept(this);
        }
    }

    /** On the event loop: one watch frame for the listener. */
    void deliver(Message frame) {
        if (!active.get()) {
            return;
        }
        try {
            WatchEvents.deliver(frame, listener);
        } catch (RuntimeException e) {
            LOG.warn("a watch listener of {} failed; the client carries on", key.type(), e);
        }
    }

    /** On the event loop: the server ended the watch. */
    void fail(MonorailException error) {
        if (!active.compareAndSet(true, false)) {
            return;
        }
        try {
            listener.error(error);
        } catch (RuntimeException e) {
            LOG.warn("a watch listener of {} failed; the client carries on", key.type(), e);
        }
    }

    /** On the event loop: ended without a word (a raw stop, the client closed). */
    void end() {
        active.set(false);
    }

    @Override
    public String toString() {
        return "Watch["
                + key.type()
                + " "
                + key.canonicalParams()
                + (isActive() ? "" : " closed")
                + "]";
    }
}

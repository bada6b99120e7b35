package io.monorail.ws.domain.session;

import io.monorail.ws.domain.port.out.ClientConnection;
import io.monorail.ws.domain.subscription.Watch;
import io.monorail.ws.domain.subscription.WatchKey;
import io.monorail.ws.domain.subscription.Watcher;
import io.monorail.ws.protocol.SharedFrame;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A client's session: its id, its watches and the {@code seq} of the last watch message sent.
 * Numbering and sending happen under one lock, so frames leave in {@code seq} order, and a watch
 * that was stopped receives nothing afterwards.
 */
public final class Session implements Watcher {
    private final String id;
    private final Map<WatchKey, Watch> watches = new LinkedHashMap<>();
    private ClientConnection connection;
    private long lastSeq;

    public Session(String id, ClientConnection connection) {
        this.id = id;
        this.connection = connection;
    }

    public String id() {
        return id;
    }

    @Override
    public void deliver(SharedFrame frame, Watch watch) {
        synchronized (this) {
            if (watches.get(watch.key()) != watch) {
                return; // stopped while the event was on its way
            }
            long seq = ++lastSeq;
            if (connection != null) {
                connection.send(frame.render(watch.typeField(), seq, watch.refJson()));
            }
        }
    }

    /** The watch with this key, or null. */
    public synchronized Watch watch(WatchKey key) {
        return watches.get(key);
    }

    public synchronized int watchCount() {
        return watches.size();
    }

    /** Adds a watch; false when one with the same key exists. */
    public synchronized boolean addWatch(Watch watch) {
        return watches.putIfAbsent(watch.key(), watch) == null;
    }

    /** Removes this very watch (not a newer one with the same key). */
    public synchronized boolean removeWatch(Watch watch) {
        return watches.remove(watch.key(), watch);
    }

    /** Removes and returns the watches that {@code which} selects. */
    public synchronized List<Watch> removeWatches(Predicate<WatchKey> which) {
        List<Watch> removed = new ArrayList<>();
        watches.values()
                .removeIf(
                        watch -> {
                            if (which.test(watch.key())) {
                                removed.add(watch);
                                return true;
                            }
                            return false;
                        });
        return removed;
    }

    /** The seq of the last watch message. */
    public synchronized long lastSeq() {
        return lastSeq;
    }

    /** Stops sending to the connection (it closed). */
    public synchronized void detach() {
        connection = null;
    }

    @Override
    public String toString() {
        return "session " + SessionIds.redact(id);
    }
}

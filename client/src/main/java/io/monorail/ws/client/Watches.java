package io.monorail.ws.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The watches the application wants, by key and by ref, and the stops the server is owed for
 * watches ended while the connection was down. Confined to the event loop.
 */
final class Watches {
    // Insertion order: watches are set up again in the order they were asked for.
    private final Map<WatchKey, WatchEntry> byKey = new LinkedHashMap<>();
    private final Map<String, WatchEntry> byRef = new HashMap<>();
    private final List<ObjectNode> owedStops = new ArrayList<>();

    WatchEntry find(WatchKey key) {
        return byKey.get(key);
    }

    WatchEntry byRef(String ref) {
        return byRef.get(ref);
    }

    /** The only watch of {@code type}, or null: routes events of servers that do not echo ref. */
    WatchEntry soleOfType(String type) {
        WatchEntry found = null;
        for (WatchEntry entry : byKey.values()) {
            if (entry.key.type().equals(type)) {
                if (found != null) {
                    return null;
                }
                found = entry;
            }
        }
        return found;
    }

    void add(WatchEntry entry) {
        byKey.put(entry.key, entry);
        byRef.put(entry.ref, entry);
    }

    void remove(WatchEntry entry) {
        byKey.remove(entry.key, entry);
        byRef.remove(entry.ref, entry);
    }

    /** The watches a {@code stop} ends: the one with {@code key}, or every one of the type. */
    List<WatchEntry> matching(String type, WatchKey key) {
        List<WatchEntry> found = new ArrayList<>();
        for (WatchEntry entry : byKey.values()) {
            if (key == null ? entry.key.type().equals(type) : entry.key.equals(key)) {
                found.add(entry);
            }
        }
        return found;
    }

    List<WatchEntry> all() {
        return List.copyOf(byKey.values());
    }

    void oweStop(ObjectNode stop) {
        owedStops.add(stop);
    }

    List<ObjectNode> drainOwedStops() {
        List<ObjectNode> stops = List.copyOf(owedStops);
        owedStops.clear();
        return stops;
    }

    /** A new server session: it has none of our watches and needs no stops. */
    void forgetServer() {
        owedStops.clear();
        byKey.values().forEach(entry -> entry.onServer = false);
    }

    /** Ends every watch without a word (the client closes). */
    void endAll() {
        byKey.values().forEach(WatchEntry::end);
        byKey.clear();
        byRef.clear();
        owedStops.clear();
    }
}

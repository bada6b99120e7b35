package io.monorail.ws.load.bare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Connections by the pattern they subscribed with; the first connection of a pattern binds the
 * server's queue to it (synchronously, so the connection is told "ready" only once it is bound).
 */
final class Subscriptions {
    /** Binds the server's queue to a pattern. */
    interface Binder {
        void bind(String pattern) throws IOException;
    }

    private final Binder binder;
    private final Map<String, Group> groups = new ConcurrentHashMap<>();

    Subscriptions(Binder binder) {
        this.binder = binder;
    }

    void add(String pattern, FanOutEndpoint endpoint) {
        groups.computeIfAbsent(pattern, this::bound).members.add(endpoint);
    }

    void remove(String pattern, FanOutEndpoint endpoint) {
        Group group = groups.get(pattern);
        if (group != null) {
            group.members.remove(endpoint);
        }
    }

    Iterable<Group> groups() {
        return groups.values();
    }

    private Group bound(String pattern) {
        try {
            binder.bind(pattern);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind " + pattern, e);
        }
        return new Group(new TopicPattern(pattern));
    }

    /** The connections of one pattern. Bindings stay when the group empties: it is a benchmark. */
    static final class Group {
        final TopicPattern pattern;
        final Set<FanOutEndpoint> members = ConcurrentHashMap.newKeySet();

        Group(TopicPattern pattern) {
            this.pattern = pattern;
        }
    }
}

package io.monorail.ws.domain.subscription;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ids of the documents one filtered watch group last saw matching its filter, so that a
 * document that stops matching is announced as leaving instead of silently staying in the clients'
 * views, and one that starts matching is announced as entering. Bounded: beyond {@code capacity}
 * ids it stops learning new ones and treats every document it does not know as possibly shown, so a
 * leave is never missed (a client may then get a {@code remove} for a document it never had). Not
 * thread-safe: its group serializes access.
 */
public final class MatchTracker {
    private final int capacity;
    private final Set<String> matching = new HashSet<>();
    private boolean overflowed;

    public MatchTracker(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    /**
     * How a change reaches the group, or null when it does not concern the group.
     *
     * @param matches whether the document's new state matches the group's filter
     */
    public Delivery admit(RecordChange change, boolean matches) {
        String id = change.documentId();
        if (change.destroyed()) {
            boolean shown = matching.remove(id);
            return matches || shown ? Delivery.AS_IS : null;
        }
        if (matches) {
            boolean known = matching.contains(id) || remember(id) == Remembered.NO_ROOM;
            return known || change.created() ? Delivery.AS_IS : Delivery.ENTER;
        }
        if (matching.remove(id) || (overflowed && !change.created())) {
            return Delivery.LEAVE;
        }
        return null;
    }

    /** Remembers documents a snapshot showed as matching. */
    public void seed(Collection<String> ids) {
        for (String id : ids) {
            remember(id);
        }
    }

    /**
     * The ids remembered now, sorted, or null when it overflowed: it then stands for more than it
     * holds, and another tracker seeded with these ids would not behave the same.
     */
    public List<String> remembered() {
        if (overflowed) {
            return null;
        }
        List<String> ids = new ArrayList<>(matching);
        Collections.sort(ids);
        return ids;
    }

    /** Ids remembered now. */
    int size() {
        return matching.size();
    }

    boolean overflowed() {
        return overflowed;
    }

    private enum Remembered {
        ADDED,
        NO_ROOM
    }

    private Remembered remember(String id) {
        if (matching.size() >= capacity && !matching.contains(id)) {
            overflowed = true;
            return Remembered.NO_ROOM;
        }
        matching.add(id);
        return Remembered.ADDED;
    }
}

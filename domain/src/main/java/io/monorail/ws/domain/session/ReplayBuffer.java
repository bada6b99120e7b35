package io.monorail.ws.domain.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The most recent watch messages of one session, as sent, bounded by count and by size. Seqs are
 * consecutive, so whether everything after a given seq is still here is a comparison with the
 * oldest one kept. Not thread-safe: the owning {@link Session} guards it.
 */
final class ReplayBuffer {
    private final int maxMessages;
    private final long maxChars;
    private final Deque<Entry> entries = new ArrayDeque<>();
    private long chars;
    // The seq the next appended message must have, and the oldest seq still replayable.
    private long nextSeq = 1;
    private long oldestKept = 1;

    ReplayBuffer(int maxMessages, long maxChars) {
        if (maxMessages < 0 || maxChars < 0) {
            throw new IllegalArgumentException("buffer bounds must not be negative");
        }
        this.maxMessages = maxMessages;
        this.maxChars = maxChars;
    }

    /** Keeps a message, evicting the oldest ones beyond the bounds. */
    void append(long seq, String text) {
        if (seq != nextSeq) {
            throw new IllegalStateException("seq " + seq + " out of order; expected " + nextSeq);
        }
        nextSeq = seq + 1;
        entries.addLast(new Entry(seq, text));
        chars += text.length();
        while (!entries.isEmpty() && (entries.size() > maxMessages || chars > maxChars)) {
            Entry evicted = entries.removeFirst();
            chars -= evicted.text.length();
            oldestKept = evicted.seq + 1;
        }
    }

    /**
     * Every message after {@code seq}, in order; empty when some of them were evicted (a gap) or
     * {@code seq} is beyond what was sent.
     */
    Optional<List<String>> after(long seq) {
        if (seq < oldestKept - 1 || seq > nextSeq - 1) {
            return Optional.empty();
        }
        List<String> missed = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.seq > seq) {
                missed.add(entry.text);
            }
        }
        return Optional.of(missed);
    }

    int size() {
        return entries.size();
    }

    long chars() {
        return chars;
    }

    private record Entry(long seq, String text) {}
}

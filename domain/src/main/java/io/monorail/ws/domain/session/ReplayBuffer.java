package io.monorail.ws.domain.session;

import io.monorail.ws.domain.subscription.Watch;
import io.monorail.ws.protocol.SharedFrame;
import io.monorail.ws.protocol.TypeField;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The most recent watch messages of one session, bounded by count and by size. It holds no copy of
 * a message: only the event's frame, encoded once and shared by every session it reached, and the
 * watch that labels it; a message is rendered again only when a resume replays it. So keeping
 * messages for a resume costs two references per message, held in arrays that grow as needed (an
 * idle session holds next to nothing).
 *
 * <p>Seqs are consecutive, so a message's place follows from its seq, and whether everything after
 * a seq is still here is a comparison with the oldest one kept. Not thread-safe: the owning {@link
 * Session} guards it.
 */
final class ReplayBuffer {
    private static final int INITIAL_CAPACITY = 8;

    private final int maxMessages;
    private final long maxBytes;
    // A ring: slot (first + i) % capacity holds seq oldestKept + i.
    private SharedFrame[] frames = new SharedFrame[0];
    private Watch[] watches = new Watch[0];
    private int first;
    private int count;
    private long bytes;
    // The seq the next appended message must have, and the oldest seq still replayable.
    private long nextSeq = 1;
    private long oldestKept = 1;

    ReplayBuffer(int maxMessages, long maxBytes) {
        if (maxMessages < 0 || maxBytes < 0) {
            throw new IllegalArgumentException("buffer bounds must not be negative");
        }
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    /**
     * Keeps a message, evicting the oldest ones beyond the bounds.
     *
     * @param watch the watch whose label and {@code ref} the message carries, or null for a notice
     *     to every watch ({@code type} field, no {@code ref})
     */
    void append(long seq, SharedFrame frame, Watch watch) {
        if (seq != nextSeq) {
            throw new IllegalStateException("seq " + seq + " out of order; expected " + nextSeq);
        }
        nextSeq = seq + 1;
        if (maxMessages == 0) {
            oldestKept = nextSeq;
            return;
        }
        if (count == maxMessages) {
            evictOldest();
        }
        if (count == frames.length) {
            grow();
        }
        int slot = (first + count) % frames.length;
        frames[slot] = frame;
        watches[slot] = watch;
        count++;
        bytes += frame.length();
        while (count > 0 && (count > maxMessages || bytes > maxBytes)) {
            evictOldest();
        }
    }

    /**
     * Every message after {@code seq}, rendered, in order; empty when some of them were evicted (a
     * gap) or {@code seq} is beyond what was sent.
     */
    Optional<List<byte[]>> after(long seq) {
        if (seq < oldestKept - 1 || seq > nextSeq - 1) {
            return Optional.empty();
        }
        List<byte[]> missed = new ArrayList<>((int) (nextSeq - 1 - seq));
        for (long next = Math.max(seq + 1, oldestKept); next < nextSeq; next++) {
            int slot = (int) ((first + (next - oldestKept)) % frames.length);
            missed.add(render(frames[slot], watches[slot], next));
        }
        return Optional.of(missed);
    }

    /** A message as its watch labels it. */
    static byte[] render(SharedFrame frame, Watch watch, long seq) {
        return watch == null
                ? frame.render(TypeField.TYPE, seq, null)
                : frame.render(watch.typeField(), seq, watch.ref());
    }

    int size() {
        return count;
    }

    long bytes() {
        return bytes;
    }

    private void grow() {
        int capacity = (int) Math.min(maxMessages, Math.max(INITIAL_CAPACITY, 2L * frames.length));
        SharedFrame[] grownFrames = new SharedFrame[capacity];
        Watch[] grownWatches = new Watch[capacity];
        for (int i = 0; i < count; i++) {
            int slot = (first + i) % frames.length;
            grownFrames[i] = frames[slot];
            grownWatches[i] = watches[slot];
        }
        frames = grownFrames;
        watches = grownWatches;
        first = 0;
    }

    private void evictOldest() {
        bytes -= frames[first].length();
        frames[first] = null;
        watches[first] = null;
        first = (first + 1) % frames.length;
        count--;
        oldestKept++;
    }
}

package io.monorail.ws.domain.session;

import io.monorail.ws.domain.journal.FrameJournal;
import io.monorail.ws.domain.journal.Journaled;
import io.monorail.ws.domain.subscription.Watch;
import io.monorail.ws.protocol.SharedFrame;
import io.monorail.ws.protocol.TypeField;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The most recent watch messages of one session, bounded by count and by size. It holds no frame: a
 * message is its position in the gateway's {@link FrameJournal}, its size, and which of the
 * session's watches labels it, in three primitive arrays. Keeping a message for a resume therefore
 * writes no object reference (nothing for the garbage collector to trace or copy per recipient),
 * and a detached session costs a few array stores per message it misses. A message is read back
 * from the journal and rendered only when a resume replays it.
 *
 * <p>Seqs are consecutive, so a message's place follows from its seq, and whether everything after
 * a seq is still here is a comparison with the oldest one kept. Not thread-safe: the owning {@link
 * Session} guards it.
 */
final class ReplayBuffer {
    private static final int INITIAL_CAPACITY = 8;
    private static final short NOTICE = -1;

    private final FrameJournal journal;
    private final int maxMessages;
    private final long maxBytes;
    // A ring: slot (first + i) % capacity holds seq oldestKept + i.
    private long[] positions = new long[0];
    private int[] sizes = new int[0];
    private short[] labels = new short[0];
    // The watches that label kept messages, by index; a stopped watch stays while its messages do.
    private final List<Watch> labelTable = new ArrayList<>();
    private final Map<Watch, Short> labelOf = new IdentityHashMap<>();
    private Watch lastWatch;
    private short lastLabel;
    private int first;
    private int count;
    private long bytes;
    // The seq the next appended message must have, and the oldest seq still replayable.
    private long nextSeq = 1;
    private long oldestKept = 1;

    ReplayBuffer(FrameJournal journal, int maxMessages, long maxBytes) {
        if (maxMessages < 0 || maxBytes < 0) {
            throw new IllegalArgumentException("buffer bounds must not be negative");
        }
        this.journal = journal;
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    /**
     * An empty buffer whose next message has {@code seq + 1}: a session taken over at {@code seq}.
     */
    void startAfter(long seq) {
        if (count != 0) {
            throw new IllegalStateException("only an empty buffer starts elsewhere");
        }
        nextSeq = seq + 1;
        oldestKept = seq + 1;
    }

    /**
     * Keeps a message, evicting the oldest ones beyond the bounds.
     *
     * @param watch the watch whose label and {@code ref} the message carries, or null for a notice
     *     to every watch ({@code type} field, no {@code ref})
     */
    void append(long seq, Journaled entry, Watch watch) {
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
        if (count == positions.length) {
            grow();
        }
        int size = entry.frame().length();
        int slot = (first + count) % positions.length;
        positions[slot] = entry.position();
        sizes[slot] = size;
        labels[slot] = label(watch);
        count++;
        bytes += size;
        while (count > 0 && (count > maxMessages || bytes > maxBytes)) {
            evictOldest();
        }
    }

    /**
     * Every message after {@code seq}, rendered, in order; empty when some of them are no longer
     * kept (here or in the journal) or {@code seq} is beyond what was sent.
     */
    Optional<List<byte[]>> after(long seq) {
        if (seq < oldestKept - 1 || seq > nextSeq - 1) {
            return Optional.empty();
        }
        List<byte[]> missed = new ArrayList<>((int) (nextSeq - 1 - seq));
        for (long next = Math.max(seq + 1, oldestKept); next < nextSeq; next++) {
            int slot = (int) ((first + (next - oldestKept)) % positions.length);
            SharedFrame frame = journal.get(positions[slot]);
            if (frame == null) {
                return Optional.empty(); // the journal let it go: a gap, never served as one
            }
            short label = labels[slot];
            missed.add(render(frame, label == NOTICE ? null : labelTable.get(label), next));
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

    /** Distinct watches labelling kept messages (and stopped ones not yet compacted away). */
    int labels() {
        return labelTable.size();
    }

    private short label(Watch watch) {
        if (watch == null) {
            return NOTICE;
        }
        if (watch == lastWatch) {
            return lastLabel;
        }
        Short known = labelOf.get(watch);
        if (known == null) {
            if (labelTable.size() == Short.MAX_VALUE) {
                compactLabels();
            }
            known = (short) labelTable.size();
            labelTable.add(watch);
            labelOf.put(watch, known);
        }
        lastWatch = watch;
        lastLabel = known;
        return known;
    }

    /** Renumbers the labels to the watches kept messages still name (a session that churned). */
    private void compactLabels() {
        List<Watch> kept = new ArrayList<>();
        Map<Watch, Short> keptOf = new IdentityHashMap<>();
        for (int i = 0; i < count; i++) {
            int slot = (first + i) % positions.length;
            if (labels[slot] != NOTICE) {
                Watch watch = labelTable.get(labels[slot]);
                Short renumbered = keptOf.get(watch);
                if (renumbered == null) {
                    renumbered = (short) kept.size();
                    kept.add(watch);
                    keptOf.put(watch, renumbered);
                }
                labels[slot] = renumbered;
            }
        }
        labelTable.clear();
        labelTable.addAll(kept);
        labelOf.clear();
        labelOf.putAll(keptOf);
        lastWatch = null;
    }

    private void grow() {
        int capacity =
                (int) Math.min(maxMessages, Math.max(INITIAL_CAPACITY, 2L * positions.length));
        long[] grownPositions = new long[capacity];
        int[] grownSizes = new int[capacity];
        short[] grownLabels = new short[capacity];
        for (int i = 0; i < count; i++) {
            int slot = (first + i) % positions.length;
            grownPositions[i] = positions[slot];
            grownSizes[i] = sizes[slot];
            grownLabels[i] = labels[slot];
        }
        positions = grownPositions;
        sizes = grownSizes;
        labels = grownLabels;
        first = 0;
    }

    private void evictOldest() {
        bytes -= sizes[first];
        first = (first + 1) % positions.length;
        count--;
        oldestKept++;
        if (count == 0 && !labelTable.isEmpty()) {
            labelTable.clear(); // nothing names them any more
            labelOf.clear();
            lastWatch = null;
        }
    }
}

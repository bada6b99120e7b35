package io.monorail.ws.domain.journal;

import io.monorail.ws.protocol.SharedFrame;
import java.util.function.LongSupplier;

/**
 * The watch frames this gateway sent recently, each kept once however many sessions it reached, at
 * consecutive positions. A session remembers a message as a position here (a {@code long}), not as
 * a reference: keeping a message for a resume then writes no reference per recipient, so it makes
 * no work for the garbage collector however many sessions there are, attached or detached. A frame
 * is read back only when a resume replays it.
 *
 * <p>Bounded by the total size of the frames and by their age; a frame dropped here can no longer
 * be replayed, and a resume that needs it is refused ({@code resumed:false}), never served with a
 * gap. Thread-safe; one append per distinct frame, not per recipient.
 */
public final class FrameJournal {
    private static final int MIN_CAPACITY = 64;

    private final long maxBytes;
    private final long maxAgeMillis;
    private final LongSupplier clock;
    // A ring: slot (first + i) % capacity holds position oldest + i.
    private SharedFrame[] frames = new SharedFrame[MIN_CAPACITY];
    private long[] appendedAt = new long[MIN_CAPACITY];
    private int first;
    private int count;
    private long oldest;
    private long bytes;

    /**
     * @param maxBytes the frames' total size beyond which the oldest are dropped
     * @param maxAgeMillis how long a frame is kept at most
     * @param clock milliseconds, for the age of frames
     */
    public FrameJournal(long maxBytes, long maxAgeMillis, LongSupplier clock) {
        if (maxBytes < 0 || maxAgeMillis < 0) {
            throw new IllegalArgumentException("journal bounds must not be negative");
        }
        this.maxBytes = maxBytes;
        this.maxAgeMillis = maxAgeMillis;
        this.clock = clock;
    }

    /** Keeps {@code frame} at the next position, dropping the oldest beyond the bounds. */
    public synchronized Journaled append(SharedFrame frame) {
        long now = clock.getAsLong();
        dropOlderThan(now - maxAgeMillis);
        if (count == frames.length) {
            resize(frames.length * 2);
        }
        int slot = (first + count) % frames.length;
        frames[slot] = frame;
        appendedAt[slot] = now;
        long position = oldest + count;
        count++;
        bytes += frame.length();
        while (bytes > maxBytes && count > 0) {
            dropOldest();
        }
        return new Journaled(position, frame);
    }

    /** The frame at {@code position}, or null when it was dropped (or never appended). */
    public synchronized SharedFrame get(long position) {
        if (position < oldest || position >= oldest + count) {
            return null;
        }
        return frames[(int) ((first + (position - oldest)) % frames.length)];
    }

    /** Drops the frames older than the age bound. Call it periodically; appends do it too. */
    public synchronized void expire() {
        dropOlderThan(clock.getAsLong() - maxAgeMillis);
        // Give back what a burst made the ring grow to.
        if (frames.length > MIN_CAPACITY && count < frames.length / 4) {
            resize(Math.max(MIN_CAPACITY, frames.length / 2));
        }
    }

    /** Frames kept. */
    public synchronized int size() {
        return count;
    }

    /** Their total size in bytes. */
    public synchronized long bytes() {
        return bytes;
    }

    private void dropOlderThan(long cutoff) {
        while (count > 0 && appendedAt[first] < cutoff) {
            dropOldest();
        }
    }

    private void dropOldest() {
        bytes -= frames[first].length();
        frames[first] = null;
        first = (first + 1) % frames.length;
        count--;
        oldest++;
    }

    private void resize(int capacity) {
        SharedFrame[] movedFrames = new SharedFrame[capacity];
        long[] movedTimes = new long[capacity];
        for (int i = 0; i < count; i++) {
            int slot = (first + i) % frames.length;
            movedFrames[i] = frames[slot];
            movedTimes[i] = appendedAt[slot];
        }
        frames = movedFrames;
        appendedAt = movedTimes;
        first = 0;
    }
}

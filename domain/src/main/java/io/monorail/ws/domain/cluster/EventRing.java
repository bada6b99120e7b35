package io.monorail.ws.domain.cluster;

import io.monorail.ws.domain.port.out.BusEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The events this instance read from the event stream recently, by offset: what a resume taken over
 * from another instance replays through the session's watches. Bounded by their total size and
 * their age; it also knows from which offset on it holds every event the stream gave, so that a
 * replay that would need an event it no longer (or never) had is refused instead of served with a
 * gap. Offsets grow but need not be consecutive: the stream also holds messages that are not events
 * (an instance's start marker). Thread-safe.
 */
public final class EventRing {
    private static final int MIN_CAPACITY = 256;

    private final long maxBytes;
    private final long maxAgeMillis;
    private final LongSupplier clock;
    private BusEvent[] events = new BusEvent[MIN_CAPACITY];
    private long[] readAt = new long[MIN_CAPACITY];
    private int first;
    private int count;
    private long bytes;
    // Every event with an offset from here on was appended (and is kept if not newer than newest).
    private long completeFrom = Long.MAX_VALUE;
    private long newest = -1;

    /**
     * @param maxBytes the bodies' total size beyond which the oldest events are dropped
     * @param maxAgeMillis how long an event is kept at most
     */
    public EventRing(long maxBytes, long maxAgeMillis, LongSupplier clock) {
        if (maxBytes < 0 || maxAgeMillis < 0) {
            throw new IllegalArgumentException("ring bounds must not be negative");
        }
        this.maxBytes = maxBytes;
        this.maxAgeMillis = maxAgeMillis;
        this.clock = clock;
    }

    /**
     * Keeps an event read from the stream, after every event before it.
     *
     * @throws IllegalArgumentException when the event has no offset or is not after the newest
     */
    public synchronized void append(BusEvent event) {
        if (event.offset() <= newest) {
            throw new IllegalArgumentException(
                    "offset " + event.offset() + " is not after " + newest);
        }
        long now = clock.getAsLong();
        dropOlderThan(now - maxAgeMillis);
        if (count == 0 && completeFrom == Long.MAX_VALUE) {
            completeFrom = event.offset();
        }
        if (count == events.length) {
            resize(events.length * 2);
        }
        int slot = (first + count) % events.length;
        events[slot] = event;
        readAt[slot] = now;
        count++;
        bytes += event.body().length;
        newest = event.offset();
        while (bytes > maxBytes && count > 0) {
            dropOldest();
        }
    }

    /**
     * Events the stream lost before the next one appended (its retention dropped them): what was
     * kept can no longer be replayed past, so it goes.
     */
    public synchronized void lost() {
        while (count > 0) {
            dropOldest();
        }
        completeFrom = Long.MAX_VALUE;
    }

    /**
     * The kept events with offsets after {@code after} and up to {@code upTo} included, oldest
     * first; empty when the ring does not hold every event of that range.
     *
     * @param after an offset, or -1 for "from the stream's very first"
     */
    public synchronized java.util.Optional<List<BusEvent>> between(long after, long upTo) {
        if (after >= upTo) {
            return java.util.Optional.of(List.of());
        }
        if (after + 1 < completeFrom || upTo > newest) {
            return java.util.Optional.empty();
        }
        List<BusEvent> range = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BusEvent event = events[(first + i) % events.length];
            if (event.offset() > upTo) {
                break;
            }
            if (event.offset() > after) {
                range.add(event);
            }
        }
        return java.util.Optional.of(range);
    }

    /** The newest offset appended, or -1. */
    public synchronized long newest() {
        return newest;
    }

    /** Drops the events older than the age bound; appends do it too. */
    public synchronized void expire() {
        dropOlderThan(clock.getAsLong() - maxAgeMillis);
        if (events.length > MIN_CAPACITY && count < events.length / 4) {
            resize(Math.max(MIN_CAPACITY, events.length / 2));
        }
    }

    /** Events kept. */
    public synchronized int size() {
        return count;
    }

    private void dropOlderThan(long cutoff) {
        while (count > 0 && readAt[first] < cutoff) {
            dropOldest();
        }
    }

    private void dropOldest() {
        BusEvent dropped = events[first];
        bytes -= dropped.body().length;
        events[first] = null;
        first = (first + 1) % events.length;
        count--;
        completeFrom = dropped.offset() + 1;
    }

    private void resize(int capacity) {
        BusEvent[] movedEvents = new BusEvent[capacity];
        long[] movedTimes = new long[capacity];
        for (int i = 0; i < count; i++) {
            int slot = (first + i) % events.length;
            movedEvents[i] = events[slot];
            movedTimes[i] = readAt[slot];
        }
        events = movedEvents;
        readAt = movedTimes;
        first = 0;
    }
}

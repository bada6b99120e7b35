package io.monorail.ws.load.client;

import java.util.BitSet;

/**
 * One client's account of one phase: which publisher sequence numbers arrived, how often, and in
 * what order. Loss is what never arrived; a duplicate is a number seen before; an order violation
 * is a first arrival below the highest number already seen. Not thread-safe: one connection
 * delivers to it at a time.
 */
public final class DeliveryLedger {
    private final BitSet seen = new BitSet();
    private long received;
    private long duplicates;
    private long orderViolations;
    private long highest = -1;

    /** Records one arrival of {@code seq}. */
    public void record(long seq) {
        if (seq < 0 || seq > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("sequence number out of range: " + seq);
        }
        received++;
        int index = (int) seq;
        if (seen.get(index)) {
            duplicates++;
            return;
        }
        seen.set(index);
        if (seq < highest) {
            orderViolations++;
        } else {
            highest = seq;
        }
    }

    /** Arrivals, duplicates included. */
    public long received() {
        return received;
    }

    /** The account against the {@code published} numbers 0..published-1. */
    public Summary summary(long published) {
        long distinct = seen.cardinality();
        long unexpected = published >= Integer.MAX_VALUE ? 0 : countFrom((int) published);
        return new Summary(
                received,
                published - (distinct - unexpected),
                duplicates,
                orderViolations,
                unexpected);
    }

    private long countFrom(int from) {
        long count = 0;
        for (int i = seen.nextSetBit(from); i >= 0; i = seen.nextSetBit(i + 1)) {
            count++;
        }
        return count;
    }

    /**
     * One client's figures: arrivals; numbers that never arrived; repeated arrivals; first arrivals
     * out of order; numbers that were never published.
     */
    public record Summary(
            long received, long lost, long duplicates, long orderViolations, long unexpected) {
        /** True if every published number arrived exactly once, in order, and nothing else did. */
        public boolean exact() {
            return lost == 0 && duplicates == 0 && orderViolations == 0 && unexpected == 0;
        }
    }
}

package io.monorail.ws.load.client;

import io.monorail.ws.load.event.EventBody;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One measured stretch of a run (warm-up, flood, paced): per-client ledgers, the latency histogram,
 * and the first and last delivery. Events of another phase that arrive late are counted as strays,
 * never mixed in.
 */
public final class Phase {
    private static final long HOUR_MICROS = 3_600_000_000L;

    private final int id;
    private final DeliveryLedger[] ledgers;
    private final long[] firstNanos;
    private final long[] lastNanos;
    private final Recorder latencyMicros = new Recorder(1, HOUR_MICROS, 3);
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong strays = new AtomicLong();
    private volatile long target = Long.MAX_VALUE;

    public Phase(int id, int clients) {
        this.id = id;
        this.ledgers = new DeliveryLedger[clients];
        this.firstNanos = new long[clients];
        this.lastNanos = new long[clients];
        for (int i = 0; i < clients; i++) {
            ledgers[i] = new DeliveryLedger();
        }
    }

    public int id() {
        return id;
    }

    /** One delivery to client {@code client}; called on that connection's thread. */
    void record(int client, EventBody.Fields fields, long receivedMicros, long receivedNanos) {
        if (fields.phase() != id) {
            strays.incrementAndGet();
            return;
        }
        DeliveryLedger ledger = ledgers[client];
        synchronized (ledger) {
            ledger.record(fields.seq());
            if (firstNanos[client] == 0) {
                firstNanos[client] = receivedNanos;
            }
            lastNanos[client] = receivedNanos;
        }
        latencyMicros.recordValue(
                Math.min(HOUR_MICROS, Math.max(0, receivedMicros - fields.sentMicros())));
        if (delivered.incrementAndGet() == target) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** Deliveries so far. */
    public long delivered() {
        return delivered.get();
    }

    /** Deliveries of events from other phases (late or early). */
    public long strays() {
        return strays.get();
    }

    /**
     * Waits until {@code expected} deliveries arrived; gives up when none arrived for {@code
     * stall}. Returns true if all arrived.
     */
    public boolean awaitDeliveries(long expected, Duration stall) throws InterruptedException {
        target = expected;
        synchronized (this) {
            while (delivered.get() < expected) {
                long before = delivered.get();
                wait(stall.toMillis());
                if (delivered.get() == before && delivered.get() < expected) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The figures of this phase against {@code published} events sent to every client. */
    public Result result(long published) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long lost = 0;
        long duplicates = 0;
        long disorder = 0;
        long unexpected = 0;
        int clientsWithLoss = 0;
        for (int i = 0; i < ledgers.length; i++) {
            DeliveryLedger.Summary s;
            synchronized (ledgers[i]) {
                s = ledgers[i].summary(published);
                if (firstNanos[i] != 0) {
                    first = Math.min(first, firstNanos[i]);
                    last = Math.max(last, lastNanos[i]);
                }
            }
            lost += s.lost();
            duplicates += s.duplicates();
            disorder += s.orderViolations();
            unexpected += s.unexpected();
            if (s.lost() > 0) {
                clientsWithLoss++;
            }
        }
        long count = delivered.get();
        double seconds = count > 1 ? (last - first) / 1e9 : 0;
        Histogram latency = latencyMicros.getIntervalHistogram();
        return new Result(
                count,
                seconds,
                seconds > 0 ? count / seconds : 0,
                latency.getValueAtPercentile(50) / 1000.0,
                latency.getValueAtPercentile(90) / 1000.0,
                latency.getValueAtPercentile(99) / 1000.0,
                latency.getMaxValue() / 1000.0,
                lost,
                clientsWithLoss,
                duplicates,
                disorder,
                unexpected,
                strays.get());
    }

    /** The ledger of one client (for tests and detailed reports). */
    public DeliveryLedger.Summary summaryOf(int client, long published) {
        synchronized (ledgers[client]) {
            return ledgers[client].summary(published);
        }
    }

    /**
     * A phase's figures: deliveries; seconds between the first and the last; deliveries per second
     * over that span; publish-to-client latency percentiles in ms; accounting totals over all
     * clients.
     */
    public record Result(
            long deliveries,
            double seconds,
            double deliveredPerSecond,
            double p50Millis,
            double p90Millis,
            double p99Millis,
            double maxMillis,
            long lost,
            int clientsWithLoss,
            long duplicates,
            long orderViolations,
            long unexpected,
            long strays) {}
}

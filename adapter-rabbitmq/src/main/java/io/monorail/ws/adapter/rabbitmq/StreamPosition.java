package io.monorail.ws.adapter.rabbitmq;

import io.monorail.ws.domain.port.out.BusEvent;

/**
 * Where the feed is in the event stream (stream mode): the offset of the last event handed to the
 * sink, where a new subscription starts, and what each delivery means for the sink.
 *
 * <p>A resumed subscription starts at the last delivered offset itself, not the one after it:
 * offsets are not contiguous (the broker gives an offset to the record it writes at the start of
 * every segment), so a first delivery beyond {@code last + 1} proves nothing. One at {@code last}
 * proves the stream still holds where the feed was, and with it everything after; it is then
 * dropped as a duplicate. A first delivery beyond {@code last + 1} means retention dropped {@code
 * last}, and maybe events the feed never saw: reported as a loss, since a hole in the offsets
 * cannot be told from a dropped event.
 *
 * <p>Thread-safe: subscriptions start on the topology thread, deliveries come from the client.
 */
final class StreamPosition {
    /** What to do with one delivery. */
    enum Verdict {
        /** Hand it to the sink. */
        DELIVER,
        /** Tell the sink events were lost, then hand it over. */
        DELIVER_AFTER_LOSS,
        /** Already handed over (a reconnect re-reads the last one): acknowledge only. */
        DUPLICATE,
        /** From a subscription a newer one replaced: its channel is gone, so ignore it. */
        STALE
    }

    private final String stream;
    private long last = BusEvent.NO_OFFSET; // guarded by this
    private Subscription current; // guarded by this

    StreamPosition(String stream) {
        this.stream = stream;
    }

    /**
     * Starts a subscription for a new connection; the previous one goes stale, so what its channel
     * still delivers can no longer move the position the new one starts from.
     */
    synchronized Subscription resume() {
        if (current != null) {
            current.stale = true;
        }
        current = new Subscription(last);
        return current;
    }

    /**
     * The decision for a delivery at {@code offset}, given the {@code last} offset handed over
     * ({@link BusEvent#NO_OFFSET} for none) and whether it is the first delivery of a subscription
     * that resumed at {@code last}.
     */
    static Verdict decide(long last, boolean firstAfterResume, long offset) {
        // Below the resume point: the stream was deleted and declared again, its offsets starting
        // over. Beyond the one after it: retention dropped where the feed was, and perhaps more.
        if (firstAfterResume && (offset < last || offset > last + 1)) {
            return Verdict.DELIVER_AFTER_LOSS;
        }
        return offset <= last ? Verdict.DUPLICATE : Verdict.DELIVER;
    }

    /** One consumer's view: its start offset and its first delivery. */
    final class Subscription {
        private final long resumedAt;
        private boolean stale; // guarded by StreamPosition.this
        private boolean started; // guarded by StreamPosition.this
        private String loss; // guarded by StreamPosition.this
        private volatile String awaitedMarker;
        private volatile Runnable onMarker;

        private Subscription(long resumedAt) {
            this.resumedAt = resumedAt;
        }

        /**
         * Reading from the stream's start, the feed has caught up once it reads the marker {@code
         * id} it published after subscribing: {@code then} runs, in order among the events.
         */
        void awaitMarker(String id, Runnable then) {
            onMarker = then;
            awaitedMarker = id;
        }

        /** What to run on reading marker {@code id}: null unless it is the awaited one. */
        Runnable marker(String id) {
            return id.equals(awaitedMarker) ? onMarker : null;
        }

        /** The consume argument {@code x-stream-offset}: {@code first}, or where to resume. */
        Object startArgument() {
            return resumedAt == BusEvent.NO_OFFSET ? "first" : (Object) resumedAt;
        }

        String stream() {
            return stream;
        }

        /** Judges the delivery at {@code offset} and, unless dropped, takes it as handed over. */
        Verdict accept(long offset) {
            synchronized (StreamPosition.this) {
                if (stale) {
                    return Verdict.STALE;
                }
                boolean first = !started && resumedAt != BusEvent.NO_OFFSET;
                started = true;
                Verdict verdict = decide(last, first, offset);
                loss =
                        verdict == Verdict.DELIVER_AFTER_LOSS
                                ? lossDescription(stream, last, offset)
                                : null;
                if (verdict != Verdict.DUPLICATE) {
                    last = offset;
                }
                return verdict;
            }
        }

        /** What the last {@link Verdict#DELIVER_AFTER_LOSS} lost, for the sink and the log. */
        String loss() {
            synchronized (StreamPosition.this) {
                return loss;
            }
        }
    }

    static String lossDescription(String stream, long last, long offset) {
        if (offset < last) {
            return "stream "
                    + stream
                    + " restarted at offset "
                    + offset
                    + ", below the last one delivered ("
                    + last
                    + "): it was deleted and declared again, and the events it held are lost";
        }
        return "stream "
                + stream
                + " no longer holds offset "
                + last
                + ", the last one delivered: its retention may have dropped events up to offset "
                + (offset - 1)
                + " before this gateway read them";
    }
}

package io.monorail.ws.domain.testing;

import io.monorail.ws.domain.port.out.BusEvent;
import io.monorail.ws.domain.port.out.EventSink;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An event sink that keeps what a feed tells it, for tests to wait on. */
public final class RecordingSink implements EventSink {
    private final Duration wait;
    private final BlockingQueue<BusEvent> eventsNotTaken = new LinkedBlockingQueue<>();
    private final List<BusEvent> events = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Boolean> availabilityNotTaken = new LinkedBlockingQueue<>();
    private final List<Boolean> availability = new CopyOnWriteArrayList<>();

    /** Waits up to {@link Await#WAIT} for what is expected. */
    public RecordingSink() {
        this(Await.WAIT);
    }

    /** Waits up to {@code wait} for what is expected. */
    public RecordingSink(Duration wait) {
        this.wait = wait;
    }

    @Override
    public void onEvent(BusEvent event) {
        events.add(event);
        eventsNotTaken.add(event);
    }

    @Override
    public void onAvailability(boolean available) {
        availability.add(available);
        availabilityNotTaken.add(available);
    }

    /** The next event not yet taken, failing the test when none arrives in time. */
    public BusEvent next() throws InterruptedException {
        return take(eventsNotTaken, "an event");
    }

    /** The next availability change not yet taken, failing the test when none comes in time. */
    public boolean nextAvailability() throws InterruptedException {
        return take(availabilityNotTaken, "an availability change");
    }

    /** Every event received so far, in order, taken or not. */
    public List<BusEvent> events() {
        return List.copyOf(events);
    }

    /** Every availability change reported so far, in order, taken or not. */
    public List<Boolean> availability() {
        return List.copyOf(availability);
    }

    private <T> T take(BlockingQueue<T> queue, String what) throws InterruptedException {
        T item = queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (item == null) {
            throw new AssertionError(what + " within " + wait);
        }
        return item;
    }
}

package io.monorail.ws.adapter.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import io.monorail.ws.domain.port.out.BusEvent;
import io.monorail.ws.domain.port.out.EventSink;
import io.monorail.ws.domain.testing.Await;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A sink that keeps what it is told, for tests to wait on. */
final class RecordingSink implements EventSink {
    private final BlockingQueue<BusEvent> events = new LinkedBlockingQueue<>();
    private final List<Boolean> availability = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(BusEvent event) {
        events.add(event);
    }

    @Override
    public void onAvailability(boolean available) {
        availability.add(available);
    }

    /** The next event, failing the test when none arrives in time. */
    BusEvent next() throws InterruptedException {
        BusEvent event = events.poll(Await.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(event).as("an event within %s", Await.WAIT).isNotNull();
        return event;
    }

    /** Every availability change reported so far, in order. */
    List<Boolean> availability() {
        return List.copyOf(availability);
    }
}

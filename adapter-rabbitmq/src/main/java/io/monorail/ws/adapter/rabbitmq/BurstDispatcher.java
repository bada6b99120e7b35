package io.monorail.ws.adapter.rabbitmq;

import com.rabbitmq.client.Channel;
import io.monorail.ws.domain.port.out.BusEvent;
import io.monorail.ws.domain.port.out.EventSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands deliveries to the sink in bursts: whatever arrived while the sink was busy with the last
 * burst goes over at once, so each client gets those events in one write, and one acknowledgement
 * covers them all. A lone event goes over at once too: batching never waits for more. At most
 * {@code maxBurst} events go in one burst; what waits is bounded by the consumer's prefetch, since
 * nothing is acknowledged before the sink has taken it. A loss ({@link #lost}) reaches the sink in
 * its place among the events, from the same thread, and so does any other {@link #then} action.
 */
final class BurstDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(BurstDispatcher.class);

    private final Queue<Delivery> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Executor executor;
    private final Supplier<EventSink> sink;
    private final int maxBurst;

    BurstDispatcher(Executor executor, Supplier<EventSink> sink, int maxBurst) {
        this.executor = executor;
        this.sink = sink;
        this.maxBurst = maxBurst;
    }

    /** One delivery from the broker, to acknowledge on {@code channel} once the sink took it. */
    void add(BusEvent event, Channel channel, long deliveryTag) {
        enqueue(new Delivery(event, channel, deliveryTag, null));
    }

    /** Events were lost before the next one added: the sink hears it after the ones before. */
    void lost(String description) {
        enqueue(new Delivery(null, null, 0, () -> reportLoss(description)));
    }

    /**
     * Runs {@code action} on the sink's thread once the events added before it were handed over.
     */
    void then(Runnable action) {
        enqueue(new Delivery(null, null, 0, action));
    }

    private void enqueue(Delivery delivery) {
        waiting.add(delivery);
        if (draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        List<BusEvent> burst = new ArrayList<>(Math.min(maxBurst, 64));
        while (true) {
            burst.clear();
            Delivery last = null;
            Delivery next;
            while (burst.size() < maxBurst && (next = waiting.poll()) != null) {
                if (next.inOrder != null) {
                    if (last != null) {
                        deliver(burst, last);
                        burst.clear();
                        last = null;
                    }
                    runInOrder(next.inOrder);
                    continue;
                }
                if (last != null && last.channel != next.channel) {
                    // A reconnect happened: hand over and acknowledge the old channel's part first.
                    deliver(burst, last);
                    burst.clear();
                }
                burst.add(next.event);
                last = next;
            }
            if (last == null) {
                draining.set(false);
                // Something may have arrived between the last poll and the reset.
                if (waiting.isEmpty() || !draining.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            deliver(burst, last);
        }
    }

    private void deliver(List<BusEvent> burst, Delivery last) {
        EventSink target = sink.get();
        if (target != null) {
            try {
                target.onEvents(burst);
            } catch (RuntimeException e) {
                // A bug in the domain: redelivering the same messages would only fail again.
                LOG.error("event sink failed on a burst of {} events", burst.size(), e);
            }
        }
        try {
            last.channel.basicAck(last.deliveryTag, true);
        } catch (IOException | RuntimeException e) {
            // The channel is gone; its unacknowledged messages went with its exclusive queue.
            LOG.debug("could not acknowledge a burst: {}", BusFailures.describe(e));
        }
    }

    private void reportLoss(String description) {
        EventSink target = sink.get();
        if (target != null) {
            try {
                target.onEventsLost(description);
            } catch (RuntimeException e) {
                LOG.error("event sink failed on a loss of events", e);
            }
        }
    }

    private static void runInOrder(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.error("an action among the events failed", e);
        }
    }

    /** An event to hand over and acknowledge, or (with {@code inOrder} set) an action to run. */
    private record Delivery(BusEvent event, Channel channel, long deliveryTag, Runnable inOrder) {}
}

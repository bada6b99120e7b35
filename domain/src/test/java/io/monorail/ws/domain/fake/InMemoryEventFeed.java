package io.monorail.ws.domain.fake;

import io.monorail.ws.domain.port.out.BusEvent;
import io.monorail.ws.domain.port.out.EventFeed;
import io.monorail.ws.domain.port.out.EventFeedException;
import io.monorail.ws.domain.port.out.EventSink;
import io.monorail.ws.domain.port.out.TopicBinding;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * In-memory {@link EventFeed}: one "queue" with a set of bindings, and a {@link #publish} that
 * delivers synchronously to the sink when a binding matches, once per message like a real queue.
 */
public final class InMemoryEventFeed implements EventFeed {
    private final Set<TopicBinding> bindings = new HashSet<>();
    private final List<TopicBinding> bindCalls = new CopyOnWriteArrayList<>();
    private final Set<String> rejectedExchanges = new HashSet<>();
    private volatile EventSink sink;
    private volatile boolean available = true;

    @Override
    public void setSink(EventSink sink) {
        this.sink = sink;
    }

    @Override
    public synchronized CompletableFuture<Void> bind(TopicBinding binding) {
        if (!available) {
            return CompletableFuture.failedFuture(
                    new EventFeedException(EventFeedException.Reason.UNAVAILABLE, "bus down"));
        }
        if (rejectedExchanges.contains(binding.exchange())) {
            return CompletableFuture.failedFuture(
                    new EventFeedException(
                            EventFeedException.Reason.REJECTED,
                            "exchange " + binding.exchange() + " exists with other attributes"));
        }
        bindings.add(binding);
        bindCalls.add(binding);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletableFuture<Void> unbind(TopicBinding binding) {
        bindings.remove(binding);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean isAvailable() {
        return available;
    }

    /** Publishes to an exchange; delivered at most once, when any binding matches. */
    public void publish(String exchange, String routingKey, byte[] body) {
        boolean routed;
        synchronized (this) {
            routed =
                    bindings.stream()
                            .anyMatch(b -> b.exchange().equals(exchange) && b.matches(routingKey));
        }
        if (routed && sink != null) {
            sink.onEvent(new BusEvent(exchange, routingKey, body));
        }
    }

    /** Publishes a UTF-8 text body. */
    public void publish(String exchange, String routingKey, String body) {
        publish(exchange, routingKey, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Simulates the bus going down or coming back. */
    public void setAvailable(boolean available) {
        this.available = available;
        EventSink current = sink;
        if (current != null) {
            current.onAvailability(available);
        }
    }

    /** Makes binds to {@code exchange} fail as a mismatched exchange declaration would. */
    public synchronized void rejectExchange(String exchange) {
        rejectedExchanges.add(exchange);
    }

    /** Bindings currently in place. */
    public synchronized Set<TopicBinding> bindings() {
        return Set.copyOf(bindings);
    }

    /** Every successful bind call, in order, including repeated ones. */
    public List<TopicBinding> bindCalls() {
        return List.copyOf(bindCalls);
    }
}

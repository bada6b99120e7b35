package io.monorail.ws.domain.port.out;

import java.util.concurrent.CompletableFuture;

/**
 * Outgoing port to the message bus: binds and unbinds the gateway's one queue to topic exchanges
 * and delivers what arrives to one {@link EventSink}. The domain reference-counts bindings, so the
 * feed sees each distinct binding bound once and unbound once.
 */
public interface EventFeed {
    /** Sets where events go. Called once, before the first {@link #bind}. */
    void setSink(EventSink sink);

    /**
     * Binds the queue. Completes when the bus confirmed the binding; fails with {@link
     * EventFeedException} when it cannot be made. Never throws.
     */
    CompletableFuture<Void> bind(TopicBinding binding);

    /** Removes a binding made by {@link #bind}. Never throws; failures are logged. */
    CompletableFuture<Void> unbind(TopicBinding binding);

    /** True while the feed is connected to the bus. */
    boolean isAvailable();

    /**
     * True while the source of {@code binding}'s events is reachable; a feed made of several
     * sources answers for the one that serves this binding.
     */
    default boolean isAvailable(TopicBinding binding) {
        return isAvailable();
    }

    /**
     * True when, after an outage, the feed resumes where it left off (a stream read from the next
     * offset), so that nothing published meanwhile is lost; such a feed reports a loss through
     * {@link EventSink#onEventsLost}. False for a queue that dies with its connection.
     */
    default boolean resumesAfterOutage() {
        return false;
    }
}

package io.monorail.ws.domain.port.out;

import java.util.List;

/** What an {@link EventFeed} delivers to: the domain's side of the feed. */
public interface EventSink {
    /** One message from a bound exchange. Called from the feed's delivery thread, in order. */
    void onEvent(BusEvent event);

    /**
     * Messages that arrived together, in order: a feed that has several waiting hands them over at
     * once, so each client gets them in one write.
     */
    default void onEvents(List<BusEvent> events) {
        events.forEach(this::onEvent);
    }

    /**
     * The feed's connection to the bus went down ({@code false}) or came back ({@code true});
     * events published while it was down are lost to this gateway.
     */
    void onAvailability(boolean available);

    /**
     * Events were lost although the feed stayed or came back up: a feed that resumes a stream where
     * it left off found that the stream no longer held where that was. {@code description} says
     * which.
     */
    default void onEventsLost(String description) {}
}

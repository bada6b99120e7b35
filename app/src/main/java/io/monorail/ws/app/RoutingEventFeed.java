package io.monorail.ws.app;

import io.monorail.ws.domain.port.out.EventFeed;
import io.monorail.ws.domain.port.out.EventSink;
import io.monorail.ws.domain.port.out.TopicBinding;
import java.util.concurrent.CompletableFuture;

/**
 * One {@link EventFeed} made of two: bindings on one exchange (RackHD's record events, {@code
 * on.waterline}) go to a document-change feed (MongoDB change streams), all others to the bus. Used
 * when the deployment's writers do not publish record events to RabbitMQ.
 */
final class RoutingEventFeed implements EventFeed {
    private final String recordExchange;
    private final EventFeed records;
    private final EventFeed bus;

    RoutingEventFeed(String recordExchange, EventFeed records, EventFeed bus) {
        this.recordExchange = recordExchange;
        this.records = records;
        this.bus = bus;
    }

    @Override
    public void setSink(EventSink sink) {
        records.setSink(sink);
        bus.setSink(sink);
    }

    @Override
    public CompletableFuture<Void> bind(TopicBinding binding) {
        return route(binding).bind(binding);
    }

    @Override
    public CompletableFuture<Void> unbind(TopicBinding binding) {
        return route(binding).unbind(binding);
    }

    /** Health follows the bus: watches of topics need it, and record watches report their own. */
    @Override
    public boolean isAvailable() {
        return bus.isAvailable() && records.isAvailable();
    }

    private EventFeed route(TopicBinding binding) {
        return binding.exchange().equals(recordExchange) ? records : bus;
    }
}

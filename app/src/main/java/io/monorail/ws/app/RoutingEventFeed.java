package io.monorail.ws.app;

import io.monorail.ws.domain.port.out.BusEvent;
import io.monorail.ws.domain.port.out.EventFeed;
import io.monorail.ws.domain.port.out.EventSink;
import io.monorail.ws.domain.port.out.TopicBinding;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One {@link EventFeed} made of two: bindings on one exchange (RackHD's record events, {@code
 * on.waterline}) go to a document-change feed (MongoDB change streams), all others to the bus. Used
 * when the deployment's writers do not publish record events to RabbitMQ.
 *
 * <p>Each source reports its availability to its own sink; the real sink hears the combination:
 * down as soon as either source is down, up only once both are, each change once.
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
        Combined combined = new Combined(sink, records.isAvailable(), bus.isAvailable());
        records.setSink(combined.recordsSink());
        bus.setSink(combined.busSink());
    }

    @Override
    public CompletableFuture<Void> bind(TopicBinding binding) {
        return route(binding).bind(binding);
    }

    @Override
    public CompletableFuture<Void> unbind(TopicBinding binding) {
        return route(binding).unbind(binding);
    }

    /** Both sources: a watch of either kind may be bound at any time. */
    @Override
    public boolean isAvailable() {
        return bus.isAvailable() && records.isAvailable();
    }

    @Override
    public boolean isAvailable(TopicBinding binding) {
        return route(binding).isAvailable();
    }

    private EventFeed route(TopicBinding binding) {
        return binding.exchange().equals(recordExchange) ? records : bus;
    }

    /**
     * The two sources' availability and what the real sink was last told. Changes are reported
     * under the lock, so two sources changing at once cannot reach the sink out of order.
     */
    private static final class Combined {
        private final EventSink sink;
        private boolean recordsUp;
        private boolean busUp;
        private boolean reported;

        Combined(EventSink sink, boolean recordsUp, boolean busUp) {
            this.sink = sink;
            this.recordsUp = recordsUp;
            this.busUp = busUp;
            this.reported = recordsUp && busUp;
        }

        EventSink recordsSink() {
            return new SourceSink(sink, this::recordsChanged);
        }

        EventSink busSink() {
            return new SourceSink(sink, this::busChanged);
        }

        private synchronized void recordsChanged(boolean available) {
            recordsUp = available;
            report();
        }

        private synchronized void busChanged(boolean available) {
            busUp = available;
            report();
        }

        private void report() {
            boolean combined = recordsUp && busUp;
            if (combined != reported) {
                reported = combined;
                sink.onAvailability(combined);
            }
        }
    }

    /** One source's sink: its events go straight through, its availability to the combination. */
    private record SourceSink(EventSink sink, Consumer<Boolean> availability) implements EventSink {
        @Override
        public void onEvent(BusEvent event) {
            sink.onEvent(event);
        }

        @Override
        public void onAvailability(boolean available) {
            availability.accept(available);
        }
    }
}

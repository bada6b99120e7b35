package io.monorail.ws.domain.fake;

import io.monorail.ws.domain.port.out.BusEvent;
import io.monorail.ws.domain.port.out.EventFeed;
import io.monorail.ws.domain.port.out.EventSink;
import io.monorail.ws.domain.port.out.TopicBinding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory event stream shared by several gateway instances (cluster mode): every event gets
 * the next offset and reaches every instance's feed, synchronously, in one order. A feed created
 * later reads the stream from its first event; a paused feed catches up when resumed.
 */
public final class InMemoryEventStream {
    private final List<BusEvent> log = new ArrayList<>();
    private final List<Feed> feeds = new CopyOnWriteArrayList<>();

    /** A new instance's feed: it reads what the stream holds, then follows it. */
    public Feed feed() {
        Feed feed = new Feed();
        feeds.add(feed);
        return feed;
    }

    /** Appends an event and hands it to every following feed. */
    public void publish(String exchange, String routingKey, String body) {
        BusEvent event;
        synchronized (this) {
            event =
                    new BusEvent(
                            exchange,
                            routingKey,
                            body.getBytes(StandardCharsets.UTF_8),
                            log.size());
            log.add(event);
        }
        for (Feed feed : feeds) {
            feed.catchUp();
        }
    }

    private synchronized List<BusEvent> after(long offset) {
        return List.copyOf(log.subList((int) (offset + 1), log.size()));
    }

    /** One instance's view of the stream. */
    public final class Feed implements EventFeed {
        private volatile EventSink sink;
        private volatile boolean paused;
        private long read = -1;

        @Override
        public void setSink(EventSink sink) {
            this.sink = sink;
            catchUp();
        }

        @Override
        public CompletableFuture<Void> bind(TopicBinding binding) {
            return CompletableFuture.completedFuture(null); // the stream is bound to everything
        }

        @Override
        public CompletableFuture<Void> unbind(TopicBinding binding) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public boolean isAvailable() {
            return true;
        }

        @Override
        public boolean resumesAfterOutage() {
            return true;
        }

        /** Stops handing events over, as an instance that lags behind. */
        public void pause() {
            paused = true;
        }

        /** Hands over what it missed, in order, and follows again. */
        public void resume() {
            paused = false;
            catchUp();
        }

        /** The instance stops (it reads nothing more). */
        public void stop() {
            paused = true;
            feeds.remove(this);
        }

        synchronized void catchUp() {
            EventSink target = sink;
            if (paused || target == null) {
                return;
            }
            List<BusEvent> missed = after(read);
            if (!missed.isEmpty()) {
                read = missed.get(missed.size() - 1).offset();
                target.onEvents(missed);
            }
        }
    }
}

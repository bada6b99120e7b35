package io.monorail.ws.adapter.mongodb;

import com.mongodb.ReadPreference;
import com.mongodb.event.ClusterDescriptionChangedEvent;
import com.mongodb.event.ClusterListener;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether change events flow: the driver knows a server the streams may read from, and no stream is
 * failing. Reports each change once, in order, and logs it.
 */
final class SourceHealth implements ClusterListener {
    private static final Logger LOG = LoggerFactory.getLogger(MongoChangeStreamFeed.class);

    private final ReadPreference readPreference;
    private final String source;
    private final Consumer<Boolean> onChange;
    private final Set<CollectionStream> failing = ConcurrentHashMap.newKeySet();
    private boolean serverReadable;
    private boolean available;
    private boolean stopped;

    /**
     * @param source the redacted address, for logs
     * @param onChange told of each change, under this object's lock: it must not block
     */
    SourceHealth(ReadPreference readPreference, String source, Consumer<Boolean> onChange) {
        this.readPreference = readPreference;
        this.source = source;
        this.onChange = onChange;
    }

    /** Called by the driver whenever its view of the deployment changes. */
    @Override
    public synchronized void clusterDescriptionChanged(ClusterDescriptionChangedEvent event) {
        serverReadable = event.getNewDescription().hasReadableServer(readPreference);
        update();
    }

    synchronized boolean isAvailable() {
        return available;
    }

    synchronized void streamFailed(CollectionStream stream) {
        // A stream closed meanwhile no longer counts: its close may have come first.
        if (!stream.isClosed()) {
            failing.add(stream);
            update();
        }
    }

    synchronized void streamRecovered(CollectionStream stream) {
        failing.remove(stream);
        update();
    }

    /** After {@link CollectionStream#close()}: its failure no longer matters. */
    synchronized void streamClosed(CollectionStream stream) {
        failing.remove(stream);
        update();
    }

    /** Unavailable from now on, silently: a stop is not an outage. */
    synchronized void stop() {
        stopped = true;
        available = false;
    }

    private void update() {
        boolean value = !stopped && serverReadable && failing.isEmpty();
        if (value == available || stopped) {
            return;
        }
        available = value;
        if (value) {
            LOG.info("change-stream source at {} available", source);
        } else {
            LOG.warn(
                    "change-stream source at {} unavailable ({}); streams resume when it returns",
                    source,
                    serverReadable ? "a change stream is failing" : "no server reachable");
        }
        onChange.accept(value);
    }
}

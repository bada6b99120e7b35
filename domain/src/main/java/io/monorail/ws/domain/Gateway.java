package io.monorail.ws.domain;

import io.monorail.ws.domain.catalog.ResourceCatalog;
import io.monorail.ws.domain.port.in.ClientGateway;
import io.monorail.ws.domain.port.in.ClientSession;
import io.monorail.ws.domain.port.out.BusEvent;
import io.monorail.ws.domain.port.out.ClientConnection;
import io.monorail.ws.domain.port.out.EventFeed;
import io.monorail.ws.domain.port.out.EventSink;
import io.monorail.ws.domain.port.out.ResourceStore;
import io.monorail.ws.domain.subscription.SubscriptionRegistry;
import io.monorail.ws.protocol.MessageCodec;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The gateway's core: accepts client connections from a transport and events from the bus, and
 * routes each to where it belongs.
 */
public final class Gateway implements ClientGateway, EventSink {
    private static final System.Logger LOG = System.getLogger(Gateway.class.getName());

    private final ResourceCatalog catalog;
    private final EventFeed feed;
    private final GatewayLimits limits;
    private final MessageCodec codec;
    private final SubscriptionRegistry registry;
    private final ResourceStore store;
    private final StoreReads reads;

    /**
     * @param readExecutor runs store reads; bound it, since its queue is what a burst of queries
     *     fills
     */
    public Gateway(
            ResourceCatalog catalog,
            EventFeed feed,
            ResourceStore store,
            GatewayLimits limits,
            Executor readExecutor) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.feed = Objects.requireNonNull(feed, "feed");
        this.store = Objects.requireNonNull(store, "store");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.codec = new MessageCodec(limits.maxJsonDepth());
        this.registry = new SubscriptionRegistry(feed, codec);
        this.reads = new StoreReads(store, readExecutor, limits);
        feed.setSink(this);
    }

    @Override
    public ClientSession connect(ClientConnection connection, String channel) {
        return new ClientHandler(connection, channel, catalog, registry, codec, limits, reads);
    }

    @Override
    public Health health() {
        return new Health(feed.isAvailable(), store.isAvailable());
    }

    @Override
    public void onEvent(BusEvent event) {
        registry.dispatch(event);
    }

    @Override
    public void onAvailability(boolean available) {
        if (available) {
            LOG.log(Level.INFO, "message bus available; watches receive events again");
        } else {
            LOG.log(
                    Level.WARNING,
                    "message bus unavailable; events published until it returns are lost to"
                            + " this gateway");
        }
    }

    /** The registry, for metrics and tests. */
    public SubscriptionRegistry registry() {
        return registry;
    }
}

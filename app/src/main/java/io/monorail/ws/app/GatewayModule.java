package io.monorail.ws.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import io.monorail.ws.domain.Gateway;
import io.monorail.ws.domain.GatewayLimits;
import io.monorail.ws.domain.GatewayPorts;
import io.monorail.ws.domain.RateLimit;
import io.monorail.ws.domain.auth.GatewaySecurity;
import io.monorail.ws.domain.catalog.ResourceCatalog;
import io.monorail.ws.domain.cluster.ClusterSettings;
import io.monorail.ws.domain.filter.FilterLimits;
import io.monorail.ws.domain.port.in.ClientGateway;
import io.monorail.ws.domain.port.out.Clock;
import io.monorail.ws.domain.port.out.EventFeed;
import io.monorail.ws.domain.port.out.ResourceStore;
import io.monorail.ws.domain.port.out.SessionStore;
import io.monorail.ws.protocol.NamedThreads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The domain core, configured from settings. */
final class GatewayModule extends AbstractModule {
    private final Settings settings;

    GatewayModule(Settings settings) {
        this.settings = settings;
    }

    @Override
    protected void configure() {
        bind(Settings.class).toInstance(settings);
        bind(ClientGateway.class).to(Gateway.class);
    }

    @Provides
    @Singleton
    GatewayLimits limits() {
        return new GatewayLimits(
                settings.maxJsonDepth(),
                settings.maxWatches(),
                settings.maxResults(),
                settings.queryTimeout(),
                FilterLimits.defaults(),
                settings.sessionLimits(),
                RateLimit.of(settings.maxMessagesPerSecond(), settings.messageBurst()),
                settings.maxTrackedIds());
    }

    /** Store reads: a fixed pool with a bounded queue; beyond it, reads are refused, not queued. */
    @Provides
    @Singleton
    @Named("reads")
    ExecutorService readExecutor() {
        int threads = settings.readThreads();
        return new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(threads * 64),
                NamedThreads.daemonPool("monorail-read"),
                new ThreadPoolExecutor.AbortPolicy());
    }

    @Provides
    @Singleton
    ResourceCatalog catalog(GatewayLimits limits) {
        ResourceCatalog catalog =
                settings.catalog()
                        .map(file -> readCatalog(file, limits.filter()))
                        .orElseGet(() -> ResourceCatalog.defaults(limits.filter()));
        return catalog.withAllowedExchanges(settings.mqExchanges())
                .withAllowedRoutingKeys(settings.mqRoutingKeys());
    }

    /** Cluster mode or not; computed once, since a generated instance name is new each time. */
    @Provides
    @Singleton
    ClusterSettings cluster() {
        return settings.cluster();
    }

    @Provides
    @Singleton
    Gateway gateway(
            ResourceCatalog catalog,
            EventFeed feed,
            ResourceStore store,
            SessionStore sessions,
            GatewayLimits limits,
            GatewaySecurity security,
            @Named("reads") ExecutorService reads,
            ClusterSettings cluster) {
        return new Gateway(
                catalog,
                new GatewayPorts(feed, store, sessions, Clock.system()),
                limits,
                security,
                reads,
                cluster);
    }

    private static ResourceCatalog readCatalog(Path file, FilterLimits limits) {
        try {
            // YAML is a superset of JSON: one reader takes both.
            JsonNode document = new YAMLMapper().readTree(Files.readAllBytes(file));
            return ResourceCatalog.fromJson(document, limits);
        } catch (IOException e) {
            throw new Settings.SettingsException(
                    "cannot read catalog " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new Settings.SettingsException(file + ": " + e.getMessage());
        }
    }
}

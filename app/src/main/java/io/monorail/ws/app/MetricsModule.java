package io.monorail.ws.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.monorail.ws.domain.port.in.ClientGateway;
import java.util.function.ToDoubleFunction;

/** Metrics: the gateway's counts and the JVM's, in a Prometheus registry served on /metrics. */
final class MetricsModule extends AbstractModule {
    @Provides
    @Singleton
    PrometheusMeterRegistry registry(ClientGateway gateway) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        gauge(
                registry,
                gateway,
                "monorail.connections",
                "Open client connections",
                s -> s.connections());
        gauge(
                registry,
                gateway,
                "monorail.sessions",
                "Sessions kept, attached or resumable",
                s -> s.sessions());
        gauge(
                registry,
                gateway,
                "monorail.watches",
                "Distinct watches (type and params)",
                s -> s.watchKeys());
        gauge(registry, gateway, "monorail.bindings", "Broker bindings held", s -> s.bindings());
        Gauge.builder("monorail.bus.up", gateway, g -> g.health().busAvailable() ? 1 : 0)
                .description("1 while the message bus is reachable")
                .register(registry);
        Gauge.builder("monorail.store.up", gateway, g -> g.health().storeAvailable() ? 1 : 0)
                .description("1 while MongoDB answered last time")
                .register(registry);
        FunctionCounter.builder("monorail.events", gateway, g -> g.stats().events())
                .description("Bus events received")
                .register(registry);
        FunctionCounter.builder("monorail.deliveries", gateway, g -> g.stats().deliveries())
                .description("Watch messages sent to clients")
                .register(registry);
        FunctionCounter.builder("monorail.takeovers", gateway, g -> g.stats().takeovers())
                .description("Sessions of another instance resumed here (cluster mode)")
                .register(registry);
        FunctionCounter.builder(
                        "monorail.takeovers.refused", gateway, g -> g.stats().takeoversRefused())
                .description("Resumes of another instance's session refused (cluster mode)")
                .register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        return registry;
    }

    private static void gauge(
            PrometheusMeterRegistry registry,
            ClientGateway gateway,
            String name,
            String description,
            ToDoubleFunction<ClientGateway.Stats> value) {
        Gauge.builder(name, gateway, g -> value.applyAsDouble(g.stats()))
                .description(description)
                .register(registry);
    }
}

package io.monorail.ws.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.monorail.ws.domain.catalog.ResourceCatalog;
import io.monorail.ws.domain.catalog.ResourceDefinition;
import io.monorail.ws.domain.fake.InMemoryEventFeed;
import io.monorail.ws.domain.filter.FilterLimits;
import io.monorail.ws.domain.journal.FrameJournal;
import io.monorail.ws.domain.journal.Journaled;
import io.monorail.ws.domain.port.out.BusEvent;
import io.monorail.ws.domain.subscription.Burst;
import io.monorail.ws.domain.subscription.Delivery;
import io.monorail.ws.domain.subscription.SubscriptionRegistry;
import io.monorail.ws.domain.subscription.TranslatedEvent;
import io.monorail.ws.domain.subscription.Watch;
import io.monorail.ws.domain.subscription.WatchKey;
import io.monorail.ws.domain.subscription.Watcher;
import io.monorail.ws.protocol.MessageCodec;
import io.monorail.ws.protocol.TypeField;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Routing one record event to the one watch it matches among {@code bindings} distinct watches on
 * the same exchange ({@code nodes} watched by id, each its own binding): parse, route, translate,
 * filter, render once, deliver once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RoutingBenchmark {
    @Param({"1", "1000", "100000"})
    public int bindings;

    private SubscriptionRegistry registry;
    private BusEvent event;
    private final Counting watcher = new Counting();

    @Setup
    public void setUp() throws Exception {
        MessageCodec codec = new MessageCodec();
        // Frames age out after a second: the benchmark appends one per event, for ever.
        FrameJournal journal = new FrameJournal(64L << 20, 1_000, System::currentTimeMillis);
        registry = new SubscriptionRegistry(new InMemoryEventFeed(), codec, journal, 10_000);
        ResourceDefinition nodes =
                ResourceCatalog.defaults(FilterLimits.defaults()).find("nodes").orElseThrow();
        for (int i = 0; i < bindings; i++) {
            JsonNode params = JsonNodeFactory.instance.objectNode().put("id", "node-" + i);
            Watch watch =
                    new Watch(WatchKey.of("nodes", params), watcher, TypeField.RESOURCE, null);
            registry.add(watch, nodes.planWatch(params), false).join();
        }
        String id = "node-" + (bindings / 2);
        event =
                new BusEvent(
                        "on.waterline",
                        "nodes.updated." + id,
                        ("{\"event\":\"updated\",\"record\":{\"id\":\""
                                        + id
                                        + "\",\"name\":\"52:54:00:3e:11:9a\",\"type\":\"compute\"}}")
                                .getBytes(StandardCharsets.UTF_8));
    }

    @Benchmark
    public long dispatchOneEventToItsOneWatch() {
        Burst burst = new Burst(1);
        registry.dispatch(event, burst);
        burst.end();
        return watcher.delivered;
    }

    /** A watcher that only counts. */
    private static final class Counting implements Watcher {
        long delivered;

        @Override
        public void deliver(
                Journaled frame,
                TranslatedEvent event,
                Delivery delivery,
                Watch watch,
                Burst burst) {
            delivered++;
        }

        @Override
        public void flush(Burst burst) {}

        @Override
        public Set<String> completeSnapshot(
                Watch watch,
                ArrayNode documents,
                boolean truncated,
                Function<JsonNode, String> documentId) {
            return Set.of();
        }

        @Override
        public void notice(Journaled frame) {}
    }
}

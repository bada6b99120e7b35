package io.monorail.ws.adapter.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import io.monorail.ws.domain.port.out.BusEvent;
import io.monorail.ws.domain.port.out.EventSink;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

class BurstDispatcherTest {
    /** Runs the drain when the test says so, so that deliveries can pile up meanwhile. */
    private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();

    private final List<List<String>> bursts = new ArrayList<>();
    private final EventSink sink =
            new EventSink() {
                @Override
                public void onEvent(BusEvent event) {
                    onEvents(List.of(event));
                }

                @Override
                public void onEvents(List<BusEvent> events) {
                    bursts.add(events.stream().map(BusEvent::routingKey).toList());
                }

                @Override
                public void onAvailability(boolean available) {}

                @Override
                public void onEventsLost(String description) {
                    bursts.add(List.of("lost: " + description));
                }
            };

    private final List<String> acks = new ArrayList<>();

    @Test
    void deliveriesThatPiledUp_goToTheSinkTogether_andOneAckCoversThem() {
        BurstDispatcher dispatcher = new BurstDispatcher(pending::add, () -> sink, 100);
        Channel channel = channel("c1");
        for (int tag = 1; tag <= 4; tag++) {
            dispatcher.add(event("k" + tag), channel, tag);
        }
        assertThat(pending).as("one drain scheduled for all four").hasSize(1);

        pending.poll().run();

        assertThat(bursts).containsExactly(List.of("k1", "k2", "k3", "k4"));
        assertThat(acks).containsExactly("c1:4:multiple");
    }

    @Test
    void aBurstIsCappedAtMaxBurst_andNothingIsLost() {
        BurstDispatcher dispatcher = new BurstDispatcher(pending::add, () -> sink, 2);
        Channel channel = channel("c1");
        for (int tag = 1; tag <= 5; tag++) {
            dispatcher.add(event("k" + tag), channel, tag);
        }

        pending.poll().run();

        assertThat(bursts).containsExactly(List.of("k1", "k2"), List.of("k3", "k4"), List.of("k5"));
        assertThat(acks).containsExactly("c1:2:multiple", "c1:4:multiple", "c1:5:multiple");
    }

    @Test
    void deliveriesOfAnOldAndANewChannel_areAcknowledgedEachOnTheirOwn() {
        BurstDispatcher dispatcher = new BurstDispatcher(pending::add, () -> sink, 100);
        dispatcher.add(event("old"), channel("before"), 7);
        dispatcher.add(event("new"), channel("after"), 1);

        pending.poll().run();

        assertThat(bursts).containsExactly(List.of("old"), List.of("new"));
        assertThat(acks).containsExactly("before:7:multiple", "after:1:multiple");
    }

    @Test
    void afterADrain_theNextDeliverySchedulesAnother() {
        BurstDispatcher dispatcher = new BurstDispatcher(pending::add, () -> sink, 100);
        Channel channel = channel("c1");
        dispatcher.add(event("a"), channel, 1);
        pending.poll().run();

        dispatcher.add(event("b"), channel, 2);

        assertThat(pending).hasSize(1);
        pending.poll().run();
        assertThat(bursts).containsExactly(List.of("a"), List.of("b"));
    }

    @Test
    void aLoss_reachesTheSinkBetweenTheEventsBeforeAndAfterIt() {
        BurstDispatcher dispatcher = new BurstDispatcher(pending::add, () -> sink, 100);
        Channel channel = channel("c1");
        dispatcher.add(event("before"), channel, 1);
        dispatcher.lost("offsets 2 to 9");
        dispatcher.add(event("after"), channel, 2);

        pending.poll().run();

        assertThat(bursts)
                .containsExactly(
                        List.of("before"), List.of("lost: offsets 2 to 9"), List.of("after"));
        assertThat(acks).containsExactly("c1:1:multiple", "c1:2:multiple");
    }

    private static BusEvent event(String key) {
        return new BusEvent("on.events", key, new byte[] {'{', '}'});
    }

    /** A channel that records acknowledgements and refuses everything else. */
    private Channel channel(String name) {
        return (Channel)
                Proxy.newProxyInstance(
                        Channel.class.getClassLoader(),
                        new Class<?>[] {Channel.class},
                        (proxy, method, args) -> {
                            switch (method.getName()) {
                                case "basicAck" -> {
                                    acks.add(
                                            name
                                                    + ":"
                                                    + args[0]
                                                    + ((Boolean) args[1]
                                                            ? ":multiple"
                                                            : ":single"));
                                    return null;
                                }
                                case "toString" -> {
                                    return name;
                                }
                                case "hashCode" -> {
                                    return System.identityHashCode(proxy);
                                }
                                case "equals" -> {
                                    return proxy == args[0];
                                }
                                default ->
                                        throw new UnsupportedOperationException(method.getName());
                            }
                        });
    }
}

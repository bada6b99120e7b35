package io.monorail.ws.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.monorail.ws.domain.fake.InMemoryEventFeed;
import io.monorail.ws.domain.port.out.BusEvent;
import io.monorail.ws.domain.port.out.EventSink;
import io.monorail.ws.domain.port.out.TopicBinding;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoutingEventFeedTest {
    private static final String RECORDS = "on.waterline";

    private final InMemoryEventFeed records = new InMemoryEventFeed();
    private final InMemoryEventFeed bus = new InMemoryEventFeed();
    private final List<String> events = new ArrayList<>();
    private final List<Boolean> availability = new ArrayList<>();
    private final RoutingEventFeed feed = new RoutingEventFeed(RECORDS, records, bus);

    @BeforeEach
    void connectSink() {
        feed.setSink(
                new EventSink() {
                    @Override
                    public void onEvent(BusEvent event) {
                        events.add(event.exchange() + " " + event.routingKey());
                    }

                    @Override
                    public void onAvailability(boolean available) {
                        availability.add(available);
                    }
                });
    }

    @Test
    void bindingOnTheRecordExchange_goesToTheRecordFeed_othersToTheBus() {
        TopicBinding nodes = new TopicBinding(RECORDS, "nodes.#");
        TopicBinding graphs = new TopicBinding("on.events", "graph.#");

        feed.bind(nodes).join();
        feed.bind(graphs).join();

        assertThat(records.bindings()).containsExactly(nodes);
        assertThat(bus.bindings()).containsExactly(graphs);

        feed.unbind(nodes).join();

        assertThat(records.bindings()).isEmpty();
        assertThat(bus.bindings()).containsExactly(graphs);
    }

    @Test
    void availabilityOfABinding_isThatOfTheSourceServingIt() {
        TopicBinding nodes = new TopicBinding(RECORDS, "nodes.#");
        TopicBinding graphs = new TopicBinding("on.events", "graph.#");

        bus.setAvailable(false);

        assertThat(feed.isAvailable(nodes)).isTrue();
        assertThat(feed.isAvailable(graphs)).isFalse();
        assertThat(feed.isAvailable()).isFalse();
    }

    @Test
    void eventsOfBothSources_reachTheSink() {
        feed.bind(new TopicBinding(RECORDS, "nodes.#")).join();
        feed.bind(new TopicBinding("on.events", "graph.#")).join();

        records.publish(RECORDS, "nodes.created.n1", "{}");
        bus.publish("on.events", "graph.started.g1", "{}");

        assertThat(events)
                .containsExactly("on.waterline nodes.created.n1", "on.events graph.started.g1");
    }

    @Test
    void oneSourceRecovering_whileTheOtherIsDown_staysDown_untilBothAreUp() {
        records.setAvailable(false);
        assertThat(availability).containsExactly(false);
        assertThat(feed.isAvailable()).isFalse();

        bus.setAvailable(false);
        records.setAvailable(true);
        assertThat(availability).as("the bus is still down").containsExactly(false);
        assertThat(feed.isAvailable()).isFalse();

        bus.setAvailable(true);
        assertThat(availability).containsExactly(false, true);
        assertThat(feed.isAvailable()).isTrue();
    }

    @Test
    void repeatedReportsOfOneSource_areReportedOnce() {
        bus.setAvailable(false);
        bus.setAvailable(false);
        bus.setAvailable(true);
        bus.setAvailable(true);

        assertThat(availability).containsExactly(false, true);
    }

    @Test
    void sourcesDownWhenTheSinkIsSet_areUpOnlyOnceBothReportUp() {
        InMemoryEventFeed laterRecords = new InMemoryEventFeed();
        InMemoryEventFeed laterBus = new InMemoryEventFeed();
        laterRecords.setAvailable(false);
        laterBus.setAvailable(false);
        List<Boolean> told = new ArrayList<>();
        new RoutingEventFeed(RECORDS, laterRecords, laterBus)
                .setSink(
                        new EventSink() {
                            @Override
                            public void onEvent(BusEvent event) {}

                            @Override
                            public void onAvailability(boolean available) {
                                told.add(available);
                            }
                        });

        laterBus.setAvailable(true);
        assertThat(told).isEmpty();

        laterRecords.setAvailable(true);
        assertThat(told).containsExactly(true);
    }
}

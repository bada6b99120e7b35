package io.monorail.ws.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.monorail.ws.domain.fake.InMemoryEventFeed;
import io.monorail.ws.domain.port.out.BusEvent;
import io.monorail.ws.domain.port.out.TopicBinding;
import io.monorail.ws.domain.testing.RecordingSink;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoutingEventFeedTest {
    private static final String RECORDS = "on.waterline";

    private final InMemoryEventFeed records = new InMemoryEventFeed();
    private final InMemoryEventFeed bus = new InMemoryEventFeed();
    private final RecordingSink sink = new RecordingSink();
    private final RoutingEventFeed feed = new RoutingEventFeed(RECORDS, records, bus);

    @BeforeEach
    void connectSink() {
        feed.setSink(sink);
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

        assertThat(sink.events())
                .extracting(RoutingEventFeedTest::describe)
                .containsExactly("on.waterline nodes.created.n1", "on.events graph.started.g1");
    }

    @Test
    void oneSourceRecovering_whileTheOtherIsDown_staysDown_untilBothAreUp() {
        records.setAvailable(false);
        assertThat(sink.availability()).containsExactly(false);
        assertThat(feed.isAvailable()).isFalse();

        bus.setAvailable(false);
        records.setAvailable(true);
        assertThat(sink.availability()).as("the bus is still down").containsExactly(false);
        assertThat(feed.isAvailable()).isFalse();

        bus.setAvailable(true);
        assertThat(sink.availability()).containsExactly(false, true);
        assertThat(feed.isAvailable()).isTrue();
    }

    @Test
    void repeatedReportsOfOneSource_areReportedOnce() {
        bus.setAvailable(false);
        bus.setAvailable(false);
        bus.setAvailable(true);
        bus.setAvailable(true);

        assertThat(sink.availability()).containsExactly(false, true);
    }

    @Test
    void sourcesDownWhenTheSinkIsSet_areUpOnlyOnceBothReportUp() {
        InMemoryEventFeed laterRecords = new InMemoryEventFeed();
        InMemoryEventFeed laterBus = new InMemoryEventFeed();
        laterRecords.setAvailable(false);
        laterBus.setAvailable(false);
        RecordingSink told = new RecordingSink();
        new RoutingEventFeed(RECORDS, laterRecords, laterBus).setSink(told);

        laterBus.setAvailable(true);
        assertThat(told.availability()).isEmpty();

        laterRecords.setAvailable(true);
        assertThat(told.availability()).containsExactly(true);
    }

    private static String describe(BusEvent event) {
        return event.exchange() + " " + event.routingKey();
    }
}

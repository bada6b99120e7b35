package io.monorail.ws.adapter.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import io.monorail.ws.adapter.rabbitmq.StreamPosition.Verdict;
import io.monorail.ws.domain.port.out.BusEvent;
import org.junit.jupiter.api.Test;

class StreamPositionTest {
    private static final long NONE = BusEvent.NO_OFFSET;

    @Test
    void theFirstSubscription_readsFromTheFirstRetainedEvent_whateverItsOffset() {
        StreamPosition.Subscription first = new StreamPosition("s").resume();

        assertThat(first.startArgument()).isEqualTo("first");
        assertThat(first.accept(42)).isEqualTo(Verdict.DELIVER);
        assertThat(first.accept(43)).isEqualTo(Verdict.DELIVER);
    }

    @Test
    void aResumedSubscription_startsAtTheLastDeliveredOffset_andDropsItAsADuplicate() {
        StreamPosition position = new StreamPosition("s");
        StreamPosition.Subscription first = position.resume();
        first.accept(0);
        first.accept(1);

        StreamPosition.Subscription resumed = position.resume();

        assertThat(resumed.startArgument()).isEqualTo(1L);
        assertThat(resumed.accept(1)).isEqualTo(Verdict.DUPLICATE);
        assertThat(resumed.accept(2)).isEqualTo(Verdict.DELIVER);
    }

    @Test
    void aSubscriptionThatDeliveredNothing_isResumedFromTheFirstEventAgain() {
        StreamPosition position = new StreamPosition("s");
        position.resume();

        assertThat(position.resume().startArgument()).isEqualTo("first");
    }

    @Test
    void holesInTheOffsets_areNoLoss_onceTheResumePointWasSeen() {
        // The broker gives an offset to the record that opens each segment: 13 never comes.
        assertThat(StreamPosition.decide(12, false, 14)).isEqualTo(Verdict.DELIVER);
        assertThat(StreamPosition.decide(12, true, 13)).isEqualTo(Verdict.DELIVER);
    }

    @Test
    void aFirstDeliveryBeyondTheOneAfterTheResumePoint_isALoss() {
        assertThat(StreamPosition.decide(12, true, 14)).isEqualTo(Verdict.DELIVER_AFTER_LOSS);
        assertThat(StreamPosition.decide(12, true, 500)).isEqualTo(Verdict.DELIVER_AFTER_LOSS);
    }

    @Test
    void aFirstDeliveryBelowTheResumePoint_isALoss_theStreamStartedOver() {
        assertThat(StreamPosition.decide(12, true, 0)).isEqualTo(Verdict.DELIVER_AFTER_LOSS);
    }

    @Test
    void offsetsAlreadyDelivered_areDuplicates() {
        assertThat(StreamPosition.decide(12, true, 12)).isEqualTo(Verdict.DUPLICATE);
        assertThat(StreamPosition.decide(12, false, 12)).isEqualTo(Verdict.DUPLICATE);
        assertThat(StreamPosition.decide(12, false, 3)).isEqualTo(Verdict.DUPLICATE);
        assertThat(StreamPosition.decide(NONE, false, 0)).isEqualTo(Verdict.DELIVER);
    }

    @Test
    void aLossAfterAResume_isReportedOnce_andSaysWhere() {
        StreamPosition position = new StreamPosition("monorail.events");
        position.resume().accept(5);
        StreamPosition.Subscription resumed = position.resume();

        assertThat(resumed.accept(40)).isEqualTo(Verdict.DELIVER_AFTER_LOSS);
        assertThat(resumed.loss())
                .contains("monorail.events", "offset 5", "up to offset 39", "retention");
        assertThat(resumed.accept(41)).isEqualTo(Verdict.DELIVER);
        assertThat(resumed.accept(43)).as("a hole later on is no loss").isEqualTo(Verdict.DELIVER);
    }

    @Test
    void aReplacedSubscription_isStale_andCannotMoveThePosition() {
        StreamPosition position = new StreamPosition("s");
        StreamPosition.Subscription old = position.resume();
        old.accept(7);
        StreamPosition.Subscription resumed = position.resume();

        assertThat(old.accept(8)).isEqualTo(Verdict.STALE);
        assertThat(resumed.accept(7)).isEqualTo(Verdict.DUPLICATE);
        assertThat(resumed.accept(8))
                .as("the stale one did not take it")
                .isEqualTo(Verdict.DELIVER);
    }
}

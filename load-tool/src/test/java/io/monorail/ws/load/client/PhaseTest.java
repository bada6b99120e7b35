package io.monorail.ws.load.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.monorail.ws.load.event.EventBody;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PhaseTest {

    @Test
    void deliveriesOfAnotherPhase_areStraysAndNotAccounted() {
        Phase phase = new Phase(2, 1);
        phase.record(0, new EventBody.Fields(1, 0, 0), 10, 1);
        phase.record(0, new EventBody.Fields(2, 0, 0), 10, 2);

        Phase.Result result = phase.result(1);

        assertThat(result.strays()).isEqualTo(1);
        assertThat(result.deliveries()).isEqualTo(1);
        assertThat(result.lost()).isZero();
    }

    @Test
    void totalsAddUpOverClients_andLatencyIsReceiveMinusSend() throws Exception {
        Phase phase = new Phase(1, 2);
        phase.record(0, new EventBody.Fields(1, 0, 1_000), 3_000, 1_000_000_000L);
        phase.record(0, new EventBody.Fields(1, 0, 1_000), 3_000, 1_500_000_000L);
        phase.record(1, new EventBody.Fields(1, 1, 1_000), 3_000, 2_000_000_000L);

        assertThat(phase.awaitDeliveries(3, Duration.ofSeconds(1))).isTrue();
        Phase.Result result = phase.result(2);

        assertThat(result.deliveries()).isEqualTo(3);
        assertThat(result.seconds()).isEqualTo(1.0);
        assertThat(result.deliveredPerSecond()).isEqualTo(3.0);
        assertThat(result.duplicates()).isEqualTo(1);
        assertThat(result.lost()).isEqualTo(2); // client 0 never got 1, client 1 never got 0
        assertThat(result.clientsWithLoss()).isEqualTo(2);
        assertThat(result.p50Millis()).isEqualTo(2.0);
        assertThat(phase.summaryOf(1, 2).orderViolations()).isZero();
    }

    @Test
    void awaitDeliveries_givesUpWhenNothingArrivesForTheStallTime() throws Exception {
        Phase phase = new Phase(1, 1);
        phase.record(0, new EventBody.Fields(1, 0, 0), 0, 1);

        assertThat(phase.awaitDeliveries(2, Duration.ofMillis(50))).isFalse();
    }
}

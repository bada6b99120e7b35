package io.monorail.ws.load.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryLedgerTest {

    @Test
    void everyNumberOnceInOrder_isExact() {
        DeliveryLedger ledger = new DeliveryLedger();
        for (long seq = 0; seq < 5; seq++) {
            ledger.record(seq);
        }

        DeliveryLedger.Summary summary = ledger.summary(5);

        assertThat(summary).isEqualTo(new DeliveryLedger.Summary(5, 0, 0, 0, 0));
        assertThat(summary.exact()).isTrue();
    }

    @Test
    void missingNumbers_areLost() {
        DeliveryLedger ledger = new DeliveryLedger();
        ledger.record(0);
        ledger.record(3);

        assertThat(ledger.summary(5).lost()).isEqualTo(3); // 1, 2 and 4
        assertThat(ledger.summary(5).orderViolations()).isZero(); // a gap is loss, not disorder
    }

    @Test
    void repeatedNumbers_areDuplicatesAndNotDisorder() {
        DeliveryLedger ledger = new DeliveryLedger();
        ledger.record(0);
        ledger.record(1);
        ledger.record(1);
        ledger.record(0);
        ledger.record(2);

        DeliveryLedger.Summary summary = ledger.summary(3);

        assertThat(summary.received()).isEqualTo(5);
        assertThat(summary.duplicates()).isEqualTo(2);
        assertThat(summary.orderViolations()).isZero();
        assertThat(summary.lost()).isZero();
        assertThat(summary.exact()).isFalse();
    }

    @Test
    void aFirstArrivalBelowTheHighestSeen_isAnOrderViolation() {
        DeliveryLedger ledger = new DeliveryLedger();
        ledger.record(0);
        ledger.record(2);
        ledger.record(1); // late
        ledger.record(4);
        ledger.record(3); // late

        DeliveryLedger.Summary summary = ledger.summary(5);

        assertThat(summary.orderViolations()).isEqualTo(2);
        assertThat(summary.lost()).isZero();
        assertThat(summary.duplicates()).isZero();
    }

    @Test
    void numbersBeyondWhatWasPublished_areUnexpectedNotCountedAsReceivedOnes() {
        DeliveryLedger ledger = new DeliveryLedger();
        ledger.record(0);
        ledger.record(7);

        DeliveryLedger.Summary summary = ledger.summary(2);

        assertThat(summary.unexpected()).isEqualTo(1);
        assertThat(summary.lost()).isEqualTo(1);
    }

    @Test
    void nothingReceived_losesEverything() {
        assertThat(new DeliveryLedger().summary(10))
                .isEqualTo(new DeliveryLedger.Summary(0, 10, 0, 0, 0));
    }
}

package io.monorail.ws.domain.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReplayBufferTest {
    @Test
    void everythingAfterASeq_comesBackInOrder() {
        ReplayBuffer buffer = new ReplayBuffer(10, 1000);
        for (int seq = 1; seq <= 5; seq++) {
            buffer.append(seq, "m" + seq);
        }

        assertThat(buffer.after(2))
                .hasValueSatisfying(m -> assertThat(m).containsExactly("m3", "m4", "m5"));
        assertThat(buffer.after(5)).hasValueSatisfying(m -> assertThat(m).isEmpty());
        assertThat(buffer.after(0)).hasValueSatisfying(m -> assertThat(m).hasSize(5));
    }

    @Test
    void beyondTheCount_theOldestAreEvicted_andAskingForThemIsAGap() {
        ReplayBuffer buffer = new ReplayBuffer(3, 1000);
        for (int seq = 1; seq <= 5; seq++) {
            buffer.append(seq, "m" + seq);
        }

        assertThat(buffer.size()).isEqualTo(3);
        assertThat(buffer.after(2))
                .hasValueSatisfying(m -> assertThat(m).containsExactly("m3", "m4", "m5"));
        assertThat(buffer.after(1)).as("m2 was evicted").isEmpty();
    }

    @Test
    void beyondTheSize_theOldestAreEvicted() {
        ReplayBuffer buffer = new ReplayBuffer(100, 10);
        buffer.append(1, "aaaa");
        buffer.append(2, "bbbb");
        buffer.append(3, "cccc");

        assertThat(buffer.chars()).isEqualTo(8);
        assertThat(buffer.after(0)).isEmpty();
        assertThat(buffer.after(1))
                .hasValueSatisfying(m -> assertThat(m).containsExactly("bbbb", "cccc"));
    }

    @Test
    void aMessageLargerThanTheWholeBuffer_isAGapForWhoeverMissedIt() {
        ReplayBuffer buffer = new ReplayBuffer(100, 10);
        buffer.append(1, "small");
        buffer.append(2, "x".repeat(50));

        assertThat(buffer.size()).isZero();
        assertThat(buffer.after(1)).isEmpty();
        assertThat(buffer.after(2)).hasValueSatisfying(m -> assertThat(m).isEmpty());
    }

    @Test
    void aSeqBeyondWhatWasSent_isNotServed() {
        ReplayBuffer buffer = new ReplayBuffer(10, 1000);
        buffer.append(1, "m1");

        assertThat(buffer.after(7)).isEmpty();
    }

    @Test
    void seqsOutOfOrder_areABug() {
        ReplayBuffer buffer = new ReplayBuffer(10, 1000);
        buffer.append(1, "m1");

        assertThatThrownBy(() -> buffer.append(3, "m3")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aZeroSizedBuffer_keepsNothing_butAnUpToDateClientStillResumes() {
        ReplayBuffer buffer = new ReplayBuffer(0, 0);
        buffer.append(1, "m1");

        assertThat(buffer.after(0)).isEmpty();
        assertThat(buffer.after(1)).hasValueSatisfying(m -> assertThat(m).isEmpty());
    }
}

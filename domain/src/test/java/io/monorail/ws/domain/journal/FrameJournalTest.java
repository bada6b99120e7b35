package io.monorail.ws.domain.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.monorail.ws.protocol.MessageCodec;
import io.monorail.ws.protocol.SharedFrame;
import org.junit.jupiter.api.Test;

class FrameJournalTest {
    private final MessageCodec codec = new MessageCodec();
    private long now;

    private SharedFrame frame(String id) {
        return SharedFrame.of(
                codec, "item", "nodes", JsonNodeFactory.instance.objectNode().put("id", id));
    }

    @Test
    void framesGetConsecutivePositions_andAreReadBackByThem() {
        FrameJournal journal = new FrameJournal(Long.MAX_VALUE, Long.MAX_VALUE, () -> now);
        SharedFrame a = frame("a");
        SharedFrame b = frame("b");

        Journaled first = journal.append(a);
        Journaled second = journal.append(b);

        assertThat(second.position()).isEqualTo(first.position() + 1);
        assertThat(journal.get(first.position())).isSameAs(a);
        assertThat(journal.get(second.position())).isSameAs(b);
        assertThat(journal.get(second.position() + 1)).as("not appended yet").isNull();
        assertThat(journal.get(-1)).isNull();
    }

    @Test
    void beyondItsSize_theOldestFramesAreDropped() {
        SharedFrame probe = frame("x");
        FrameJournal journal = new FrameJournal(3L * probe.length(), Long.MAX_VALUE, () -> now);
        long firstPosition = journal.append(frame("a")).position();
        for (String id : new String[] {"b", "c", "d", "e"}) {
            journal.append(frame(id));
        }

        assertThat(journal.size()).isEqualTo(3);
        assertThat(journal.bytes()).isLessThanOrEqualTo(3L * probe.length());
        assertThat(journal.get(firstPosition)).isNull();
        assertThat(journal.get(firstPosition + 1)).isNull();
        assertThat(journal.get(firstPosition + 2)).isNotNull();
    }

    @Test
    void framesOlderThanTheAgeBound_areDropped_byExpireAndByAppends() {
        FrameJournal journal = new FrameJournal(Long.MAX_VALUE, 1_000, () -> now);
        long old = journal.append(frame("old")).position();
        now = 900;
        long recent = journal.append(frame("recent")).position();

        now = 1_500;
        journal.expire();
        assertThat(journal.get(old)).isNull();
        assertThat(journal.get(recent)).isNotNull();

        now = 5_000;
        long latest = journal.append(frame("latest")).position();
        assertThat(journal.get(recent)).isNull();
        assertThat(journal.get(latest)).isNotNull();
        assertThat(journal.size()).isEqualTo(1);
    }

    @Test
    void theRingGrowsAndShrinks_keepingEveryPositionItHolds() {
        FrameJournal journal = new FrameJournal(Long.MAX_VALUE, 1_000, () -> now);
        long first = journal.append(frame("0")).position();
        for (int i = 1; i < 5_000; i++) {
            journal.append(frame(Integer.toString(i)));
        }
        for (int i = 0; i < 5_000; i += 499) {
            assertThat(
                            journal.get(first + i)
                                    .renderText(io.monorail.ws.protocol.TypeField.TYPE, 1, null))
                    .contains("\"id\":\"" + i + "\"");
        }

        now = 2_000;
        long last = journal.append(frame("last")).position();
        journal.expire();
        journal.expire();
        assertThat(journal.size()).isEqualTo(1);
        assertThat(journal.get(last)).isNotNull();
    }

    @Test
    void negativeBounds_areRefused() {
        assertThatThrownBy(() -> new FrameJournal(-1, 0, () -> 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

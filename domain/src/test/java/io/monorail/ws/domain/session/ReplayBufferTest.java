package io.monorail.ws.domain.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.monorail.ws.domain.fake.RecordingClientConnection;
import io.monorail.ws.domain.journal.FrameJournal;
import io.monorail.ws.domain.journal.Journaled;
import io.monorail.ws.domain.subscription.Watch;
import io.monorail.ws.domain.subscription.WatchKey;
import io.monorail.ws.protocol.MessageCodec;
import io.monorail.ws.protocol.SharedFrame;
import io.monorail.ws.protocol.TypeField;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplayBufferTest {
    private final MessageCodec codec = new MessageCodec();
    private final FrameJournal journal = new FrameJournal(Long.MAX_VALUE, Long.MAX_VALUE, () -> 0);
    private final Session session =
            new Session(
                    "s",
                    "alice",
                    new RecordingClientConnection(),
                    codec,
                    journal,
                    SessionLimits.defaults());
    private final Watch watch = watch("w");

    private Watch watch(String ref) {
        return new Watch(
                new WatchKey("mq", "{\"ref\":\"" + ref + "\"}"),
                session,
                TypeField.RESOURCE,
                SharedFrame.encodeRef(codec, JsonNodeFactory.instance.textNode(ref)));
    }

    private Journaled frame(String id) {
        return journal.append(
                SharedFrame.of(
                        codec, "item", "mq", JsonNodeFactory.instance.objectNode().put("id", id)));
    }

    private ReplayBuffer buffer(int maxMessages, long maxBytes) {
        return new ReplayBuffer(journal, maxMessages, maxBytes);
    }

    /** The ids of the replayed frames, checking each is labelled and numbered as sent. */
    private static List<String> ids(Optional<List<byte[]>> replay, long firstSeq) {
        List<byte[]> frames = replay.orElseThrow();
        long[] seq = {firstSeq};
        return frames.stream()
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                .peek(
                        text ->
                                assertThat(text)
                                        .startsWith("{\"handler\":\"item\",\"resource\":\"mq\"")
                                        .endsWith(",\"seq\":" + seq[0]++ + ",\"ref\":\"w\"}"))
                .map(text -> text.replaceAll(".*\"id\":\"([^\"]*)\".*", "$1"))
                .toList();
    }

    @Test
    void everythingAfterASeq_comesBackInOrder_renderedForItsWatch() {
        ReplayBuffer buffer = buffer(10, 10_000);
        for (int seq = 1; seq <= 5; seq++) {
            buffer.append(seq, frame("m" + seq), watch);
        }

        assertThat(ids(buffer.after(2), 3)).containsExactly("m3", "m4", "m5");
        assertThat(buffer.after(5)).hasValueSatisfying(m -> assertThat(m).isEmpty());
        assertThat(buffer.after(0)).hasValueSatisfying(m -> assertThat(m).hasSize(5));
    }

    @Test
    void beyondTheCount_theOldestAreEvicted_andAskingForThemIsAGap() {
        ReplayBuffer buffer = buffer(3, 10_000);
        for (int seq = 1; seq <= 5; seq++) {
            buffer.append(seq, frame("m" + seq), watch);
        }

        assertThat(buffer.size()).isEqualTo(3);
        assertThat(ids(buffer.after(2), 3)).containsExactly("m3", "m4", "m5");
        assertThat(buffer.after(1)).as("m2 was evicted").isEmpty();
    }

    @Test
    void theRingWrapsAndGrows_keepingOrder() {
        ReplayBuffer buffer = buffer(1000, 10_000_000);
        for (int seq = 1; seq <= 700; seq++) {
            buffer.append(seq, frame("m" + seq), watch);
        }

        List<String> ids = ids(buffer.after(650), 651);
        assertThat(ids).hasSize(50).startsWith("m651").endsWith("m700");
    }

    @Test
    void beyondTheSize_theOldestAreEvicted() {
        SharedFrame one = frame("a").frame();
        ReplayBuffer buffer = buffer(100, 2L * one.length());
        buffer.append(1, frame("a"), watch);
        buffer.append(2, frame("b"), watch);
        buffer.append(3, frame("c"), watch);

        assertThat(buffer.bytes()).isEqualTo(2L * one.length());
        assertThat(buffer.after(0)).isEmpty();
        assertThat(ids(buffer.after(1), 2)).containsExactly("b", "c");
    }

    @Test
    void aMessageLargerThanTheWholeBuffer_isAGapForWhoeverMissedIt() {
        ReplayBuffer buffer = buffer(100, 10);
        buffer.append(1, frame("small"), watch);
        buffer.append(2, frame("x".repeat(50)), watch);

        assertThat(buffer.size()).isZero();
        assertThat(buffer.after(1)).isEmpty();
        assertThat(buffer.after(2)).hasValueSatisfying(m -> assertThat(m).isEmpty());
    }

    @Test
    void aNotice_isLabelledWithTypeAndCarriesNoRef() {
        ReplayBuffer buffer = buffer(10, 10_000);
        buffer.append(1, frame("n"), null);

        String text = new String(buffer.after(0).orElseThrow().get(0), StandardCharsets.UTF_8);
        assertThat(text)
                .startsWith("{\"handler\":\"item\",\"type\":\"mq\"")
                .endsWith(",\"seq\":1}");
    }

    @Test
    void aSeqBeyondWhatWasSent_isNotServed() {
        ReplayBuffer buffer = buffer(10, 10_000);
        buffer.append(1, frame("m1"), watch);

        assertThat(buffer.after(7)).isEmpty();
    }

    @Test
    void seqsOutOfOrder_areABug() {
        ReplayBuffer buffer = buffer(10, 10_000);
        buffer.append(1, frame("m1"), watch);

        assertThatThrownBy(() -> buffer.append(3, frame("m3"), watch))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aZeroSizedBuffer_keepsNothing_butAnUpToDateClientStillResumes() {
        ReplayBuffer buffer = buffer(0, 0);
        buffer.append(1, frame("m1"), watch);

        assertThat(buffer.after(0)).isEmpty();
        assertThat(buffer.after(1)).hasValueSatisfying(m -> assertThat(m).isEmpty());
    }

    @Test
    void aFrameTheJournalLetGo_isAGap_neverServedAsOne() {
        long[] now = {0};
        FrameJournal small = new FrameJournal(Long.MAX_VALUE, 1_000, () -> now[0]);
        ReplayBuffer buffer = new ReplayBuffer(small, 100, 1_000_000);
        buffer.append(1, small.append(frame("old").frame()), watch);
        now[0] = 5_000;
        buffer.append(2, small.append(frame("new").frame()), watch);

        assertThat(buffer.after(0)).as("m1 aged out of the journal").isEmpty();
        assertThat(ids(buffer.after(1), 2)).containsExactly("new");
    }

    @Test
    void eachMessage_keepsTheLabelOfItsOwnWatch_inAnyMix() {
        Watch other = watch("v");
        ReplayBuffer buffer = buffer(10, 10_000);
        buffer.append(1, frame("a"), watch);
        buffer.append(2, frame("b"), other);
        buffer.append(3, frame("c"), null);
        buffer.append(4, frame("d"), watch);

        List<String> texts =
                buffer.after(0).orElseThrow().stream()
                        .map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                        .toList();
        assertThat(texts.get(0)).endsWith(",\"seq\":1,\"ref\":\"w\"}");
        assertThat(texts.get(1)).endsWith(",\"seq\":2,\"ref\":\"v\"}");
        assertThat(texts.get(2))
                .startsWith("{\"handler\":\"item\",\"type\":")
                .endsWith(",\"seq\":3}");
        assertThat(texts.get(3)).endsWith(",\"seq\":4,\"ref\":\"w\"}");
    }

    @Test
    void labelsOfWatchesNoMessageNamesAnyMore_areLetGo() {
        ReplayBuffer buffer = buffer(2, 10_000);
        for (int i = 0; i < 50; i++) {
            buffer.append(i + 1, frame("m" + i), watch("w" + i));
        }

        assertThat(buffer.size()).isEqualTo(2);
        assertThat(buffer.labels()).isLessThanOrEqualTo(50);
        ReplayBuffer emptied = buffer(1, 10);
        emptied.append(1, frame("x".repeat(40)), watch("big"));
        assertThat(emptied.size()).isZero();
        assertThat(emptied.labels()).as("nothing kept names a watch").isZero();
    }
}

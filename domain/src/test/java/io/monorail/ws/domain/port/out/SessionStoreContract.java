package io.monorail.ws.domain.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link SessionStore} does; subclasses provide an empty store. */
public abstract class SessionStoreContract {
    protected abstract SessionStore store();

    @Test
    void aRecordSaved_isFoundByItsId_untilDeleted() {
        SessionStore store = store();
        SessionRecord record = record("s-1", 7, -1);

        store.save(record);
        assertThat(store.find("s-1")).contains(record);
        assertThat(store.size()).isEqualTo(1);
        store.delete("s-1", 0);

        assertThat(store.find("s-1")).isEmpty();
        assertThat(store.size()).isZero();
        store.delete("s-1", 0); // harmless
    }

    @Test
    void savingAgain_replacesTheRecord_withItsWatchesAndPosition() {
        SessionStore store = store();
        store.save(record("s-1", 1, -1));

        SessionRecord later =
                new SessionRecord(
                        "s-1",
                        "alice",
                        List.of(new SessionRecord.WatchRecord("nodes", "{\"type\":\"compute\"}")),
                        42,
                        1_000);
        store.save(later);

        assertThat(store.find("s-1")).contains(later);
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void recordsOfOtherSessions_areKeptApart() {
        SessionStore store = store();
        store.save(record("a", 1, -1));
        store.save(record("b", 2, 5));

        assertThat(store.find("a").orElseThrow().lastSeq()).isEqualTo(1);
        assertThat(store.find("b").orElseThrow().detachedAtMillis()).isEqualTo(5);
        assertThat(store.find("c")).isEmpty();
    }

    @Test
    void aRecordOfALowerGeneration_neverReplacesNorDeletesAHigherOne() {
        SessionStore store = store();
        SessionRecord takenOver = generation("s-1", "b", 1, 20);
        store.save(takenOver);

        store.save(generation("s-1", "a", 0, 30)); // the old holder had not heard of it yet
        store.delete("s-1", 0);

        assertThat(store.find("s-1")).contains(takenOver);
        store.save(generation("s-1", "c", 2, 40));
        assertThat(store.find("s-1").orElseThrow().instance()).isEqualTo("c");
        store.delete("s-1", 2);
        assertThat(store.find("s-1")).isEmpty();
    }

    @Test
    void checkpointsAndLabels_areKeptAsWritten() {
        SessionStore store = store();
        SessionRecord.WatchRecord watch =
                new SessionRecord.WatchRecord("graphs", "{\"graphId\":\"g\"}", "resource", "7");
        SessionRecord record =
                new SessionRecord(
                        "s-1",
                        "alice",
                        "a",
                        3,
                        List.of(watch),
                        12,
                        -1,
                        1_000,
                        List.of(
                                new SessionRecord.Checkpoint(
                                        0, -1, SessionRecord.Checkpoint.Kind.STEP, List.of()),
                                new SessionRecord.Checkpoint(
                                        12,
                                        4_711,
                                        SessionRecord.Checkpoint.Kind.BARRIER,
                                        List.of(watch))));
        store.save(record);

        assertThat(store.find("s-1")).contains(record);
    }

    @Test
    void recordsNobodyRefreshed_areForgotten() {
        SessionStore store = store();
        store.save(written("old", 1_000));
        store.save(written("new", 5_000));

        assertThat(store.forgetWrittenBefore(2_000)).isEqualTo(1);

        assertThat(store.find("old")).isEmpty();
        assertThat(store.find("new")).isPresent();
    }

    @Test
    void savingAll_keepsEachRecord_underTheGenerationRules() {
        SessionStore store = store();
        SessionRecord takenOver = generation("s-0", "b", 1, 20);
        store.save(takenOver);
        List<SessionRecord> batch = new ArrayList<>();
        batch.add(generation("s-0", "a", 0, 30)); // stale: ignored
        for (int i = 1; i <= 50; i++) {
            batch.add(generation("s-" + i, "a", 0, i));
        }
        batch.add(generation("s-1", "a", 0, 99)); // a later record of the same session wins

        store.saveAll(batch);

        assertThat(store.size()).isEqualTo(51);
        assertThat(store.find("s-0")).contains(takenOver);
        assertThat(store.find("s-1").orElseThrow().lastSeq()).isEqualTo(99);
        assertThat(store.find("s-50").orElseThrow().lastSeq()).isEqualTo(50);
        store.saveAll(List.of()); // harmless
    }

    private static SessionRecord written(String id, long at) {
        return new SessionRecord(id, "alice", "a", 0, List.of(), 0, -1, at, List.of());
    }

    private static SessionRecord generation(String id, String instance, long generation, long seq) {
        return new SessionRecord(
                id, "alice", instance, generation, List.of(), seq, -1, 1_000, List.of());
    }

    private static SessionRecord record(String id, long seq, long detachedAt) {
        return new SessionRecord(id, "alice", List.of(), seq, detachedAt);
    }
}

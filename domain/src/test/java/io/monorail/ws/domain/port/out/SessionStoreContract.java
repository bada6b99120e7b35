package io.monorail.ws.domain.port.out;

import static org.assertj.core.api.Assertions.assertThat;

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
        store.delete("s-1");

        assertThat(store.find("s-1")).isEmpty();
        assertThat(store.size()).isZero();
        store.delete("s-1"); // harmless
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

    private static SessionRecord record(String id, long seq, long detachedAt) {
        return new SessionRecord(id, "alice", List.of(), seq, detachedAt);
    }
}

package io.monorail.ws.adapter.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.monorail.ws.adapter.rabbitmq.SessionStreamJson.Deleted;
import io.monorail.ws.adapter.rabbitmq.SessionStreamJson.Marker;
import io.monorail.ws.adapter.rabbitmq.SessionStreamJson.Saved;
import io.monorail.ws.domain.port.out.SessionRecord;
import io.monorail.ws.domain.port.out.SessionRecord.Checkpoint;
import io.monorail.ws.domain.port.out.SessionRecord.WatchRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionStreamJsonTest {
    private static final WatchRecord LABELLED =
            new WatchRecord("graphs", "{\"graphId\":\"g\"}", "resource", "{\"n\":7}");

    @Test
    void aRecordWithCheckpointsAndLabels_roundTripsExactly() {
        SessionRecord record =
                new SessionRecord(
                        "s-1",
                        "alice",
                        "gw-2",
                        3,
                        List.of(LABELLED, new WatchRecord("nodes", "{}")),
                        12,
                        -1,
                        1_700_000_000_123L,
                        List.of(
                                new Checkpoint(0, -1, Checkpoint.Kind.STEP, List.of()),
                                new Checkpoint(
                                        7, 4_711, Checkpoint.Kind.BARRIER, List.of(LABELLED)),
                                new Checkpoint(
                                        12,
                                        Long.MAX_VALUE,
                                        Checkpoint.Kind.BLOCKED,
                                        List.of(LABELLED, new WatchRecord("nodes", "{}")))));

        assertThat(roundTrip(record)).isEqualTo(record);
    }

    @Test
    void checkpointsWithTheWatchesOfTheOneBefore_doNotRepeatThem_andReadBackTheSame() {
        WatchRecord nodes = new WatchRecord("nodes", "{}");
        List<Checkpoint> checkpoints = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            List<WatchRecord> watches = i < 3 ? List.of(LABELLED) : List.of(LABELLED, nodes);
            checkpoints.add(new Checkpoint(i, 100 + i, Checkpoint.Kind.STEP, watches));
        }
        SessionRecord record =
                new SessionRecord(
                        "s-1", "alice", "gw-1", 0, List.of(LABELLED, nodes), 7, -1, 1, checkpoints);

        String written = new String(SessionStreamJson.saved(record), StandardCharsets.UTF_8);

        assertThat(written.split("\\bgraphs\\b", -1))
                .as("graphs named by the record, the first checkpoint and the change only")
                .hasSize(4);
        assertThat(roundTrip(record)).isEqualTo(record);
    }

    @Test
    void theDocumentsAFilteredWatchShowed_roundTrip_andAnOverflowedOneStaysUnknown() {
        WatchRecord nodes = new WatchRecord("nodes", "{\"sku\":\"a\"}");
        List<Checkpoint> checkpoints =
                List.of(
                        new Checkpoint(
                                3,
                                40,
                                Checkpoint.Kind.STEP,
                                List.of(nodes),
                                List.of(
                                        new SessionRecord.TrackedWatch(
                                                "nodes", "{\"sku\":\"a\"}", List.of("n1", "n2")))),
                        new Checkpoint(
                                9,
                                90,
                                Checkpoint.Kind.STEP,
                                List.of(nodes),
                                List.of(
                                        new SessionRecord.TrackedWatch(
                                                "nodes", "{\"sku\":\"a\"}", null))));
        SessionRecord record =
                new SessionRecord("s-1", "alice", "gw-1", 0, List.of(nodes), 9, -1, 1, checkpoints);

        assertThat(roundTrip(record)).isEqualTo(record);
        assertThat(roundTrip(record).checkpoints().get(1).tracked().get(0).ids()).isNull();
    }

    @Test
    void aSingleInstanceRecord_roundTripsExactly() {
        SessionRecord record = new SessionRecord("s-1", "bob", List.of(), 0, 5_000);

        assertThat(roundTrip(record)).isEqualTo(record);
    }

    @ParameterizedTest(name = "ref {0}")
    @ValueSource(strings = {"null", "\"null\"", "7", "\"seven\"", "[1,{\"a\":null}]"})
    void aRef_isKeptAsTheJsonTextItWas_andANullRefStaysNull(String ref) {
        for (String kept : new String[] {ref, null}) {
            SessionRecord record =
                    new SessionRecord(
                            "s-1",
                            "alice",
                            "a",
                            0,
                            List.of(new WatchRecord("nodes", "{}", "type", kept)),
                            1,
                            -1,
                            0,
                            List.of());

            assertThat(roundTrip(record).watches().get(0).ref()).isEqualTo(kept);
        }
    }

    @Test
    void aDeletion_carriesItsGeneration() {
        assertThat(SessionStreamJson.read(SessionStreamJson.deleted("s-1", 4)))
                .isEqualTo(new Deleted("s-1", 4));
    }

    @Test
    void aMarker_isReadAsAMarker() {
        assertThat(SessionStreamJson.read(SessionStreamJson.marker("m-1")))
                .isEqualTo(new Marker("m-1"));
    }

    @Test
    void unknownFields_areIgnored() {
        String json =
                "{\"id\":\"s-1\",\"owner\":\"alice\",\"instance\":\"a\",\"generation\":1,"
                        + "\"lastSeq\":2,\"detachedAt\":-1,\"writtenAt\":3,\"watches\":[],"
                        + "\"checkpoints\":[],\"addedLater\":{\"x\":1}}";

        assertThat(read(json))
                .isEqualTo(
                        new Saved(
                                new SessionRecord(
                                        "s-1", "alice", "a", 1, List.of(), 2, -1, 3, List.of())));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "not json",
                "[1,2]",
                "\"text\"",
                // the form before cluster mode: no instance, generation, writtenAt, checkpoints
                "{\"id\":\"s-1\",\"owner\":\"alice\",\"lastSeq\":2,\"detachedAt\":-1,"
                        + "\"watches\":[]}",
                "{\"id\":\"s-1\",\"owner\":\"alice\",\"instance\":\"a\",\"generation\":\"1\","
                        + "\"lastSeq\":2,\"detachedAt\":-1,\"writtenAt\":3,\"watches\":[],"
                        + "\"checkpoints\":[]}",
                "{\"id\":\"s-1\",\"owner\":\"alice\",\"instance\":\"a\",\"generation\":-1,"
                        + "\"lastSeq\":2,\"detachedAt\":-1,\"writtenAt\":3,\"watches\":[],"
                        + "\"checkpoints\":[]}",
                "{\"id\":\"s-1\",\"owner\":\"alice\",\"instance\":\"a\",\"generation\":1,"
                        + "\"lastSeq\":2.5,\"detachedAt\":-1,\"writtenAt\":3,\"watches\":[],"
                        + "\"checkpoints\":[]}",
                "{\"id\":\"s-1\",\"owner\":\"alice\",\"instance\":\"a\",\"generation\":1,"
                        + "\"lastSeq\":2,\"detachedAt\":-1,\"writtenAt\":3,"
                        + "\"watches\":[{\"type\":\"nodes\",\"params\":\"{}\",\"typeField\":"
                        + "\"type\",\"ref\":7}],\"checkpoints\":[]}",
                "{\"id\":\"s-1\",\"owner\":\"alice\",\"instance\":\"a\",\"generation\":1,"
                        + "\"lastSeq\":2,\"detachedAt\":-1,\"writtenAt\":3,\"watches\":[],"
                        + "\"checkpoints\":[{\"seq\":1,\"offset\":2,\"kind\":\"LATER\","
                        + "\"watches\":[]}]}",
                "{\"id\":\"s-1\",\"deleted\":true}",
                "{\"marker\":true}"
            })
    void aMalformedEntry_isRefused(String json) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(IllegalArgumentException.class);
    }

    private static SessionRecord roundTrip(SessionRecord record) {
        return ((Saved) SessionStreamJson.read(SessionStreamJson.saved(record))).record();
    }

    private static SessionStreamJson.Entry read(String json) {
        return SessionStreamJson.read(json.getBytes(StandardCharsets.UTF_8));
    }
}

package io.monorail.ws.adapter.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import io.monorail.ws.domain.port.out.SessionRecord;
import io.monorail.ws.domain.port.out.SessionStore;
import io.monorail.ws.domain.port.out.SessionStoreContract;
import io.monorail.ws.domain.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The session store contract on a stream of the machine's RabbitMQ, and what only a shared store
 * does: a record saved by one instance is found by another, and a late instance reads what was
 * written before it started.
 */
class RabbitSessionStoreIT extends SessionStoreContract {
    private static LocalRabbit rabbit;
    private final String stream = "monorail.sessions.it." + UUID.randomUUID();
    private final List<RabbitSessionStore> opened = new ArrayList<>();

    @BeforeAll
    static void connect() throws Exception {
        rabbit = LocalRabbit.connectOrSkip();
    }

    @AfterAll
    static void disconnect() throws Exception {
        if (rabbit != null) {
            rabbit.close();
        }
    }

    @AfterEach
    void closeStores() throws Exception {
        opened.forEach(RabbitSessionStore::close);
        rabbit.deleteQueue(stream);
    }

    private RabbitSessionStore open() {
        try {
            RabbitSessionStore store =
                    RabbitSessionStore.open(
                            LocalRabbit.AMQP_URI, stream, Duration.ofMinutes(5), 10_000_000);
            opened.add(store);
            return store;
        } catch (Exception e) {
            throw new AssertionError("cannot open the session stream", e);
        }
    }

    @Override
    protected SessionStore store() {
        return open();
    }

    @Test
    void aRecordSavedByOneInstance_isFoundByAnother_andItsDeletionToo() throws Exception {
        RabbitSessionStore a = open();
        RabbitSessionStore b = open();
        SessionRecord record =
                new SessionRecord(
                        "s-1",
                        "alice",
                        List.of(new SessionRecord.WatchRecord("nodes", "{\"type\":\"compute\"}")),
                        42,
                        1_000);

        a.save(record);
        Await.until(() -> b.find("s-1").isPresent(), "the record reached the other instance");
        assertThat(b.find("s-1")).contains(record);

        b.delete("s-1", 0);
        Await.until(() -> a.find("s-1").isEmpty(), "the deletion reached the first instance");
        assertThat(a.size()).isZero();
    }

    @Test
    void aLateInstance_readsTheLatestRecordOfEachSession() {
        RabbitSessionStore early = open();
        early.save(new SessionRecord("s-1", "alice", List.of(), 1, -1));
        early.save(new SessionRecord("s-1", "alice", List.of(), 9, 5_000));
        early.save(new SessionRecord("s-2", "bob", List.of(), 3, -1));
        early.delete("s-2", 0);

        RabbitSessionStore late = open();

        assertThat(late.find("s-1").orElseThrow().lastSeq()).isEqualTo(9);
        assertThat(late.find("s-2")).isEmpty();
        assertThat(late.size()).isEqualTo(1);
    }
}

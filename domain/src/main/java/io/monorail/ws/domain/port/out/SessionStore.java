package io.monorail.ws.domain.port.out;

import java.util.Collection;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Outgoing port keeping what clients' sessions are ({@link SessionRecord}s), written when a session
 * is announced, when its watches change, when it detaches, periodically in cluster mode, and when
 * it ends: never per delivered message. In memory for one instance; shared through a RabbitMQ
 * stream by the instances of a cluster (ADR 13).
 *
 * <p>Generations: a store keeps, per session, the record of the highest {@link
 * SessionRecord#generation()}; a record or a deletion of a lower generation than the kept record's
 * is ignored.
 *
 * <p>A shared store that cannot write (its broker is down or too slow) throws {@link
 * StoreException} from {@code save}, {@code saveAll} and {@code delete}; {@code find} keeps
 * answering from what it last knew.
 */
public interface SessionStore {
    /** Keeps a record under its id, replacing one of the same or a lower generation. */
    void save(SessionRecord record);

    /**
     * Keeps each record as {@link #save} does, in order. A shared store writes them all before it
     * waits for any, so a periodic checkpoint of many sessions costs one round trip; if it throws,
     * any of the records may have been kept.
     */
    default void saveAll(Collection<SessionRecord> records) {
        records.forEach(this::save);
    }

    Optional<SessionRecord> find(String id);

    /** Forgets the record with this id, unless the kept one is of a higher generation. */
    void delete(String id, long generation);

    /** Records kept. */
    int size();

    /**
     * Calls {@code listener} with every record this store keeps from now on, whoever wrote it (this
     * instance included), in the order the store keeps them. A store that only this instance writes
     * may never call it.
     */
    default void subscribe(Consumer<SessionRecord> listener) {}

    /**
     * Forgets the records written before {@code millis} (their instance stopped refreshing them).
     *
     * @return how many were forgotten
     */
    default int forgetWrittenBefore(long millis) {
        return 0;
    }

    /** True when other gateway instances read what this store keeps. */
    default boolean shared() {
        return false;
    }
}

package io.monorail.ws.domain.fake;

import io.monorail.ws.domain.port.out.SessionRecord;
import io.monorail.ws.domain.port.out.SessionStore;
import io.monorail.ws.domain.session.InMemorySessionStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A {@link SessionStore} several gateway instances share in one process, as they would share the
 * session stream: every kept record reaches every listener, synchronously.
 */
public final class SharedSessionStore implements SessionStore {
    private final InMemorySessionStore records = new InMemorySessionStore();
    private final List<Consumer<SessionRecord>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void save(SessionRecord record) {
        records.save(record);
        if (records.find(record.id()).orElse(null) == record) {
            listeners.forEach(listener -> listener.accept(record));
        }
    }

    @Override
    public Optional<SessionRecord> find(String id) {
        return records.find(id);
    }

    @Override
    public void delete(String id, long generation) {
        records.delete(id, generation);
    }

    @Override
    public int size() {
        return records.size();
    }

    @Override
    public void subscribe(Consumer<SessionRecord> listener) {
        listeners.add(listener);
    }

    @Override
    public int forgetWrittenBefore(long millis) {
        return records.forgetWrittenBefore(millis);
    }

    @Override
    public boolean shared() {
        return true;
    }
}

package io.monorail.ws.domain.session;

import io.monorail.ws.domain.port.out.SessionRecord;
import io.monorail.ws.domain.port.out.SessionStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link SessionStore} in this process's memory: sessions resume on the same instance only. */
public final class InMemorySessionStore implements SessionStore {
    private final Map<String, SessionRecord> records = new ConcurrentHashMap<>();

    @Override
    public void save(SessionRecord record) {
        records.merge(
                record.id(),
                record,
                (kept, offered) -> offered.generation() >= kept.generation() ? offered : kept);
    }

    @Override
    public Optional<SessionRecord> find(String id) {
        return Optional.ofNullable(records.get(id));
    }

    @Override
    public void delete(String id, long generation) {
        records.computeIfPresent(id, (key, kept) -> kept.generation() > generation ? kept : null);
    }

    @Override
    public int size() {
        return records.size();
    }

    @Override
    public int forgetWrittenBefore(long millis) {
        int before = records.size();
        records.values().removeIf(record -> record.writtenAtMillis() < millis);
        return before - records.size();
    }
}

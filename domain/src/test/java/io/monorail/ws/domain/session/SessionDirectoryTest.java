package io.monorail.ws.domain.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.monorail.ws.domain.fake.InMemoryEventFeed;
import io.monorail.ws.domain.fake.RecordingClientConnection;
import io.monorail.ws.domain.filter.Filter;
import io.monorail.ws.domain.journal.FrameJournal;
import io.monorail.ws.domain.port.out.SessionRecord;
import io.monorail.ws.domain.port.out.TopicBinding;
import io.monorail.ws.domain.subscription.SubscriptionRegistry;
import io.monorail.ws.domain.subscription.Watch;
import io.monorail.ws.domain.subscription.WatchKey;
import io.monorail.ws.domain.subscription.WatchPlan;
import io.monorail.ws.protocol.MessageCodec;
import io.monorail.ws.protocol.TypeField;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionDirectoryTest {
    private final InMemoryEventFeed feed = new InMemoryEventFeed();
    private final InMemorySessionStore store = new InMemorySessionStore();
    private final FrameJournal journal = new FrameJournal(Long.MAX_VALUE, Long.MAX_VALUE, () -> 0);
    private final SubscriptionRegistry registry =
            new SubscriptionRegistry(feed, new MessageCodec(), journal, 100);
    private final SessionDirectory directory =
            new SessionDirectory(
                    store, registry, new SessionLimits(100, 100_000, Duration.ofMillis(500), 2));
    private final Map<Session, RecordingClientConnection> connections = new IdentityHashMap<>();

    @Test
    void detachedLongEnough_ends_andReleasesItsWatches_attachedNever() {
        Session attached = register();
        Session old = register();
        Session recent = register();
        watch(old, "on.test", "old.#");
        detach(old, 100);
        detach(recent, 900);

        assertThat(directory.expire(1_000)).isEqualTo(1);

        assertThat(directory.find(old.id())).isEmpty();
        assertThat(store.find(old.id())).isEmpty();
        assertThat(feed.bindings()).isEmpty();
        assertThat(directory.find(recent.id())).isPresent();
        assertThat(directory.find(attached.id())).isPresent();
        assertThat(directory.size()).isEqualTo(2);
    }

    @Test
    void beyondTheDetachedLimit_theOldestEndFirst() {
        Session oldest = register();
        Session middle = register();
        Session newest = register();
        Session another = register();
        detach(newest, 4);
        detach(oldest, 1);
        detach(another, 3);
        detach(middle, 2);

        assertThat(directory.expire(10)).isEqualTo(2);

        assertThat(directory.find(oldest.id())).isEmpty();
        assertThat(directory.find(middle.id())).isEmpty();
        assertThat(directory.find(another.id())).isPresent();
        assertThat(directory.find(newest.id())).isPresent();
    }

    @Test
    void theStoreHoldsWhatEachSessionIs_asItChanges() {
        Session session = register();
        assertThat(store.find(session.id()).orElseThrow().watches()).isEmpty();

        watch(session, "on.test", "a.#");
        directory.changed(session);
        SessionRecord watching = store.find(session.id()).orElseThrow();
        assertThat(watching.watches())
                .containsExactly(new SessionRecord.WatchRecord("mq", "{\"k\":\"a.#\"}"));
        assertThat(watching.detachedAtMillis()).isEqualTo(-1);

        detach(session, 77);
        assertThat(store.find(session.id()).orElseThrow().detachedAtMillis()).isEqualTo(77);
        directory.end(session);
        assertThat(store.find(session.id())).isEmpty();
    }

    private Session register() {
        RecordingClientConnection connection = new RecordingClientConnection();
        Session session =
                new Session(
                        SessionIds.generate(),
                        "alice",
                        connection,
                        new MessageCodec(),
                        journal,
                        SessionLimits.defaults());
        connections.put(session, connection);
        session.announce();
        directory.register(session);
        return session;
    }

    private void watch(Session session, String exchange, String key) {
        Watch watch =
                new Watch(
                        new WatchKey("mq", "{\"k\":\"" + key + "\"}"),
                        session,
                        TypeField.TYPE,
                        null);
        session.addWatch(watch);
        registry.add(
                watch,
                new WatchPlan(Set.of(new TopicBinding(exchange, key)), Filter.matchAll(), null),
                false);
    }

    private void detach(Session session, long at) {
        session.detach(connections.get(session), at);
        directory.changed(session);
    }
}

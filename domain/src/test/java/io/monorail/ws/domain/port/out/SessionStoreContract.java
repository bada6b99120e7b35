package io.monorail.ws.domain.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import io.monorail.ws.domain.fake.RecordingClientConnection;
import io.monorail.ws.domain.session.Session;
import io.monorail.ws.domain.session.SessionIds;
import io.monorail.ws.domain.session.SessionLimits;
import io.monorail.ws.protocol.MessageCodec;
import org.junit.jupiter.api.Test;

/** What every {@link SessionStore} does; subclasses provide an empty store. */
public abstract class SessionStoreContract {
    protected abstract SessionStore store();

    @Test
    void aSessionPut_isFoundByItsId_untilRemoved() {
        SessionStore store = store();
        Session session = session();

        store.put(session);
        assertThat(store.find(session.id())).containsSame(session);
        assertThat(store.remove(session)).isTrue();

        assertThat(store.find(session.id())).isEmpty();
        assertThat(store.remove(session)).isFalse();
    }

    @Test
    void detachedLongEnough_isEvicted_attachedNever() {
        SessionStore store = store();
        Session attached = session();
        Session old = detached(100);
        Session recent = detached(900);
        store.put(attached);
        store.put(old);
        store.put(recent);

        assertThat(store.evictDetached(500, 100)).containsExactly(old);
        assertThat(store.find(recent.id())).isPresent();
        assertThat(store.find(attached.id())).isPresent();
        assertThat(store.size()).isEqualTo(2);
    }

    @Test
    void beyondTheDetachedLimit_theOldestGoFirst() {
        SessionStore store = store();
        Session oldest = detached(1);
        Session middle = detached(2);
        Session newest = detached(3);
        store.put(newest);
        store.put(oldest);
        store.put(middle);

        assertThat(store.evictDetached(0, 1)).containsExactly(oldest, middle);
        assertThat(store.find(newest.id())).isPresent();
    }

    private static Session session() {
        return new Session(
                SessionIds.generate(),
                "anonymous",
                new RecordingClientConnection(),
                new MessageCodec(),
                SessionLimits.defaults());
    }

    private static Session detached(long at) {
        RecordingClientConnection connection = new RecordingClientConnection();
        Session session =
                new Session(
                        SessionIds.generate(),
                        "anonymous",
                        connection,
                        new MessageCodec(),
                        SessionLimits.defaults());
        session.detach(connection, at);
        return session;
    }
}

package io.monorail.ws.domain.session;

import io.monorail.ws.domain.port.out.SessionStore;
import io.monorail.ws.domain.port.out.SessionStoreContract;

class InMemorySessionStoreTest extends SessionStoreContract {
    @Override
    protected SessionStore store() {
        return new InMemorySessionStore();
    }
}

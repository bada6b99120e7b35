package io.monorail.ws.domain.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monorail.ws.domain.port.out.ResourceStore;
import io.monorail.ws.domain.port.out.ResourceStoreContract;

class InMemoryResourceStoreTest extends ResourceStoreContract {
    private final InMemoryResourceStore fake = new InMemoryResourceStore();

    @Override
    protected ResourceStore store() {
        return fake;
    }

    @Override
    protected void insert(String collection, ObjectNode document) {
        fake.insert(collection, document);
    }
}

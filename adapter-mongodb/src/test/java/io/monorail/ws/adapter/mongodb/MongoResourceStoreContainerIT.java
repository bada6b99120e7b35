package io.monorail.ws.adapter.mongodb;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

/** The MongoDB adapter against a real MongoDB 7 in Docker; skipped where Docker is missing. */
@Testcontainers(disabledWithoutDocker = true)
class MongoResourceStoreContainerIT extends MongoResourceStoreBehaviour {
    @Container private static final MongoDBContainer MONGO = new MongoDBContainer("mongo:7");

    @Override
    protected String connectionString() {
        return MONGO.getConnectionString();
    }
}

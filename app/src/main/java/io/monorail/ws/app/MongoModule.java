package io.monorail.ws.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.monorail.ws.adapter.mongodb.MongoResourceStore;
import io.monorail.ws.adapter.mongodb.MongoStoreConfig;
import io.monorail.ws.domain.port.out.ResourceStore;

/** The resource store: MongoDB's sync driver against the configured server. */
final class MongoModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(ResourceStore.class).to(MongoResourceStore.class);
    }

    @Provides
    @Singleton
    MongoResourceStore store(MongoEndpoint mongo, Settings settings) {
        return new MongoResourceStore(
                MongoStoreConfig.defaults(mongo.uri(), settings.mongoDatabase()));
    }
}

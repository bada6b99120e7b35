package io.monorail.ws.adapter.mongodb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.monorail.ws.domain.port.out.DocumentFilter;
import io.monorail.ws.domain.port.out.FindOptions;
import io.monorail.ws.domain.port.out.ResourceStore;
import io.monorail.ws.domain.port.out.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ResourceStore} on MongoDB through the synchronous Java driver.
 *
 * <p>{@link #start()} never fails because the server is down: the driver keeps looking for it in
 * the background, each read waits at most the server selection timeout and then fails with a {@link
 * StoreException}, and reads succeed again once the server is back. Thread-safe.
 */
public final class MongoResourceStore implements ResourceStore {
    private static final Logger LOG = LoggerFactory.getLogger(MongoResourceStore.class);

    private final MongoStoreConfig config;
    private final Consumer<MongoClientSettings.Builder> customizer;
    private final StoreHealth health = new StoreHealth();
    private volatile MongoClient client;
    private volatile MongoDatabase database;

    public MongoResourceStore(MongoStoreConfig config) {
        this(config, settings -> {});
    }

    /**
     * For tests: adjusts the driver settings (a command listener, say) before the client exists.
     */
    MongoResourceStore(MongoStoreConfig config, Consumer<MongoClientSettings.Builder> customizer) {
        this.config = config;
        this.customizer = customizer;
    }

    /**
     * Creates the client and pings the server once, waiting at most the server selection timeout; a
     * server that does not answer is logged and leaves the store unavailable, not failed.
     */
    public synchronized void start() {
        if (client != null) {
            throw new IllegalStateException("MongoDB store already started");
        }
        MongoClient created = MongoClients.create(settings());
        client = created;
        database = created.getDatabase(config.database());
        LOG.info("document store: MongoDB at {}", config.redactedUri());
        ping();
    }

    /** Closes the client and its connections; reads fail afterwards. */
    public synchronized void stop() {
        MongoClient closing = client;
        if (closing != null) {
            client = null;
            database = null;
            closing.close();
        }
    }

    /**
     * Runs {@code {ping: 1}} and says whether the server answered, waiting at most the server
     * selection timeout; cheap enough for a health check. Updates {@link #isAvailable()}.
     */
    public boolean ping() {
        try {
            database().runCommand(new BsonDocument("ping", new BsonInt32(1)), BsonDocument.class);
            health.answered();
            return true;
        } catch (MongoException e) {
            health.failed("(ping)", e, config.serverSelectionTimeout());
            return false;
        }
    }

    @Override
    public List<ObjectNode> find(String collection, DocumentFilter filter, FindOptions options) {
        try {
            List<BsonDocument> documents =
                    query(collection, filter, options, options.limit()).into(new ArrayList<>());
            health.answered();
            return documents.stream().map(RecordRenderer::record).toList();
        } catch (MongoException e) {
            throw health.failed(collection, e, options.maxTime());
        }
    }

    @Override
    public Optional<ObjectNode> findOne(
            String collection, DocumentFilter filter, FindOptions options) {
        try {
            BsonDocument document = query(collection, filter, options, 1).first();
            health.answered();
            return Optional.ofNullable(document).map(RecordRenderer::record);
        } catch (MongoException e) {
            throw health.failed(collection, e, options.maxTime());
        }
    }

    @Override
    public boolean isAvailable() {
        return health.isAvailable();
    }

    private FindIterable<BsonDocument> query(
            String collection, DocumentFilter filter, FindOptions options, int limit) {
        FindIterable<BsonDocument> find =
                database()
                        .getCollection(collection, BsonDocument.class)
                        .find(QueryTranslator.query(filter.json()))
                        .limit(limit)
                        .skip(options.skip())
                        // 0 would mean "no limit" to MongoDB.
                        .maxTime(Math.max(1, options.maxTime().toMillis()), TimeUnit.MILLISECONDS);
        BsonDocument sort = QueryTranslator.sort(options.sort());
        if (!sort.isEmpty()) {
            find.sort(sort);
        }
        BsonDocument projection = QueryTranslator.projection(options.fields());
        if (projection != null) {
            find.projection(projection);
        }
        return find;
    }

    private MongoDatabase database() {
        MongoDatabase current = database;
        if (current == null) {
            throw new IllegalStateException("MongoDB store not started");
        }
        return current;
    }

    /**
     * Timeouts set in the URI win over the configured ones. No {@code ServerApi}:
     * mongo-java-server, the embedded default, does not know {@code hello} and the driver would
     * hang.
     */
    private MongoClientSettings settings() {
        MongoClientSettings.Builder settings =
                DriverSettings.builder(
                        MongoStoreConfig.parse(config.connectionString()),
                        config.serverSelectionTimeout(),
                        config.connectTimeout(),
                        "monorail-ws");
        customizer.accept(settings);
        return settings.build();
    }
}

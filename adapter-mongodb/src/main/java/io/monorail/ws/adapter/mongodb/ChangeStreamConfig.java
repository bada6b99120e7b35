package io.monorail.ws.adapter.mongodb;

import java.time.Duration;
import java.util.Objects;

/**
 * Where {@link MongoChangeStreamFeed} reads document changes, which exchange name its events carry
 * and how long it waits before reopening a failed change stream.
 *
 * <p>Driver timeouts given as options in the connection string ({@code serverSelectionTimeoutMS},
 * {@code connectTimeoutMS}, {@code socketTimeoutMS}) take precedence over the feed's defaults.
 * {@link #toString()} never shows credentials.
 *
 * @param connectionString a {@code mongodb://} or {@code mongodb+srv://} URI of a replica set,
 *     possibly with credentials
 * @param database the database holding the watched collections ({@code pxe} in RackHD)
 * @param exchange the exchange the feed serves and stamps on its events ({@code on.waterline})
 * @param retryBackoff the wait before the first retry of a failed stream; later retries wait twice
 *     as long each time, at most {@link #MAX_RETRY_BACKOFF} (or this value, if it is longer)
 */
public record ChangeStreamConfig(
        String connectionString, String database, String exchange, Duration retryBackoff) {

    /** RackHD publishes its record changes here; the domain's collection resources bind to it. */
    public static final String DEFAULT_EXCHANGE = "on.waterline";

    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(500);

    /** Longer waits only hide an outage from the logs. */
    public static final Duration MAX_RETRY_BACKOFF = Duration.ofSeconds(30);

    /** Keeps the backoff arithmetic in range. */
    private static final Duration LONGEST_RETRY_BACKOFF = Duration.ofHours(1);

    public ChangeStreamConfig {
        Objects.requireNonNull(connectionString, "connectionString");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        // The store's rules for the URI and the database name; its messages never echo the URI.
        storeConfig(connectionString, database);
        if (exchange.isBlank()) {
            throw new IllegalArgumentException("exchange must not be blank");
        }
        if (retryBackoff.isNegative()
                || retryBackoff.isZero()
                || retryBackoff.compareTo(LONGEST_RETRY_BACKOFF) > 0) {
            throw new IllegalArgumentException(
                    "retryBackoff must be positive and at most " + LONGEST_RETRY_BACKOFF);
        }
    }

    /** {@code on.waterline} and the default backoff; a {@code null} or blank database means pxe. */
    public static ChangeStreamConfig defaults(String connectionString, String database) {
        return new ChangeStreamConfig(
                connectionString,
                database == null || database.isBlank()
                        ? MongoStoreConfig.DEFAULT_DATABASE
                        : database.strip(),
                DEFAULT_EXCHANGE,
                DEFAULT_RETRY_BACKOFF);
    }

    /** These settings with another retry backoff (tests use short ones). */
    public ChangeStreamConfig withRetryBackoff(Duration backoff) {
        return new ChangeStreamConfig(connectionString, database, exchange, backoff);
    }

    /** The URI without credentials or options: {@code mongodb://***@db1:27017,db2:27017/pxe}. */
    public String redactedUri() {
        return storeConfig(connectionString, database).redactedUri();
    }

    @Override
    public String toString() {
        return "ChangeStreamConfig[uri="
                + redactedUri()
                + ", exchange="
                + exchange
                + ", retryBackoff="
                + retryBackoff
                + "]";
    }

    private static MongoStoreConfig storeConfig(String connectionString, String database) {
        return new MongoStoreConfig(
                connectionString,
                database,
                MongoStoreConfig.DEFAULT_SERVER_SELECTION_TIMEOUT,
                MongoStoreConfig.DEFAULT_CONNECT_TIMEOUT);
    }
}

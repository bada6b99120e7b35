package io.monorail.ws.adapter.mongodb;

import com.mongodb.ConnectionString;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the MongoDB resource store connects and how long it waits for a server before a read fails
 * with {@code store_unavailable}.
 *
 * <p>Timeouts given as options in the connection string ({@code serverSelectionTimeoutMS}, {@code
 * connectTimeoutMS}, {@code socketTimeoutMS}) take precedence over these, so an operator can tune a
 * deployment with the URI alone. {@link #toString()} never shows credentials.
 *
 * @param connectionString a {@code mongodb://} or {@code mongodb+srv://} URI, possibly with
 *     credentials
 * @param database the database holding the collections ({@code pxe} in RackHD)
 * @param serverSelectionTimeout how long a read waits for a reachable server before failing
 * @param connectTimeout how long opening a TCP connection may take
 */
public record MongoStoreConfig(
        String connectionString,
        String database,
        Duration serverSelectionTimeout,
        Duration connectTimeout) {

    /** RackHD keeps its collections here. */
    public static final String DEFAULT_DATABASE = "pxe";

    /** Short, so a client asking while the store is down gets {@code store_unavailable} quickly. */
    public static final Duration DEFAULT_SERVER_SELECTION_TIMEOUT = Duration.ofSeconds(2);

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    public MongoStoreConfig {
        Objects.requireNonNull(connectionString, "connectionString");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(serverSelectionTimeout, "serverSelectionTimeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        parse(connectionString);
        requireValidDatabaseName(database);
        requirePositive("serverSelectionTimeout", serverSelectionTimeout);
        requirePositive("connectTimeout", connectTimeout);
    }

    /** The default timeouts; a {@code null} or blank {@code database} means {@code pxe}. */
    public static MongoStoreConfig defaults(String connectionString, String database) {
        return new MongoStoreConfig(
                connectionString,
                database == null || database.isBlank() ? DEFAULT_DATABASE : database.strip(),
                DEFAULT_SERVER_SELECTION_TIMEOUT,
                DEFAULT_CONNECT_TIMEOUT);
    }

    /** These settings with other timeouts (tests use short ones). */
    public MongoStoreConfig withTimeouts(Duration serverSelection, Duration connect) {
        return new MongoStoreConfig(connectionString, database, serverSelection, connect);
    }

    /**
     * The URI without credentials or options (options may carry secrets too, such as AWS session
     * tokens): {@code mongodb://***@db1:27017,db2:27017/pxe}.
     */
    public String redactedUri() {
        // The driver's own split: the authority ends at the first '/', credentials at its last '@'.
        int schemeEnd = connectionString.indexOf("://") + 3;
        String rest = connectionString.substring(schemeEnd);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        int at = authority.lastIndexOf('@');
        String hosts = at < 0 ? authority : "***@" + authority.substring(at + 1);
        return connectionString.substring(0, schemeEnd) + hosts + "/" + database;
    }

    @Override
    public String toString() {
        return "MongoStoreConfig[uri="
                + redactedUri()
                + ", serverSelectionTimeout="
                + serverSelectionTimeout
                + ", connectTimeout="
                + connectTimeout
                + "]";
    }

    static ConnectionString parse(String connectionString) {
        try {
            return new ConnectionString(connectionString);
        } catch (IllegalArgumentException e) {
            // The driver's message may quote the URI, password included: keep it out of logs.
            throw new IllegalArgumentException(
                    "the MongoDB connection string is not valid (expected"
                            + " mongodb://[user:password@]host[:port][,host...][/authDb][?options])");
        }
    }

    private static void requireValidDatabaseName(String database) {
        if (database.isEmpty() || database.length() > 63 || !database.matches("[^/\\\\. \"$\0]+")) {
            throw new IllegalArgumentException("not a valid MongoDB database name: " + database);
        }
    }

    private static void requirePositive(String name, Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}

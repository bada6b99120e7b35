package io.monorail.ws.adapter.mongodb;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The MongoDB driver settings every client of this adapter starts from: timeouts set in the URI win
 * over the gateway's defaults, and an application name when the URI gives none. No {@code
 * ServerApi}: mongo-java-server does not know {@code hello} and the driver would hang.
 */
final class DriverSettings {
    /**
     * How long one read may block on the socket unless the URI sets {@code socketTimeoutMS}: a
     * backstop for a network that drops packets, where {@code maxTimeMS} alone would leave the
     * reading thread waiting forever. Well above any sensible query time limit.
     */
    static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

    private DriverSettings() {}

    static MongoClientSettings.Builder builder(
            ConnectionString uri,
            Duration serverSelectionTimeout,
            Duration connectTimeout,
            String applicationName) {
        MongoClientSettings.Builder settings =
                MongoClientSettings.builder()
                        .applyConnectionString(uri)
                        .applyToClusterSettings(
                                cluster -> {
                                    if (uri.getServerSelectionTimeout() == null) {
                                        cluster.serverSelectionTimeout(
                                                serverSelectionTimeout.toMillis(),
                                                TimeUnit.MILLISECONDS);
                                    }
                                })
                        .applyToSocketSettings(
                                socket -> {
                                    if (uri.getConnectTimeout() == null) {
                                        socket.connectTimeout(
                                                connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
                                    }
                                    if (uri.getSocketTimeout() == null) {
                                        socket.readTimeout(
                                                DEFAULT_READ_TIMEOUT.toMillis(),
                                                TimeUnit.MILLISECONDS);
                                    }
                                });
        if (uri.getApplicationName() == null) {
            settings.applicationName(applicationName);
        }
        return settings;
    }
}

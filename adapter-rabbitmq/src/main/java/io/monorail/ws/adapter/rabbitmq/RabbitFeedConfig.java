package io.monorail.ws.adapter.rabbitmq;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link RabbitEventFeed} reaches the broker: AMQP URI, reconnect backoff, prefetch and the
 * connection name shown in the broker's management tools.
 */
public record RabbitFeedConfig(
        URI amqpUri,
        Duration initialBackoff,
        Duration maxBackoff,
        int prefetch,
        String connectionName) {

    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(250);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    public static final int DEFAULT_PREFETCH = 256;
    public static final String DEFAULT_CONNECTION_NAME = "monorail-ws";

    /** Longer waits only hide an outage; the cap also keeps the backoff arithmetic in range. */
    private static final Duration LONGEST_BACKOFF = Duration.ofHours(1);

    public RabbitFeedConfig {
        Objects.requireNonNull(amqpUri, "amqpUri");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(connectionName, "connectionName");
        String scheme = amqpUri.getScheme();
        if (!"amqp".equalsIgnoreCase(scheme) && !"amqps".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException(
                    "AMQP URI must start with amqp:// or amqps://: " + mask(amqpUri));
        }
        if (amqpUri.getHost() == null) {
            throw new IllegalArgumentException("AMQP URI has no host: " + mask(amqpUri));
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("initialBackoff must be positive");
        }
        if (maxBackoff.compareTo(initialBackoff) < 0 || maxBackoff.compareTo(LONGEST_BACKOFF) > 0) {
            throw new IllegalArgumentException(
                    "maxBackoff must be between initialBackoff and " + LONGEST_BACKOFF);
        }
        // basic.qos carries the prefetch count as a 16-bit number.
        if (prefetch < 1 || prefetch > 65_535) {
            throw new IllegalArgumentException("prefetch must be between 1 and 65535");
        }
        if (connectionName.isBlank()) {
            throw new IllegalArgumentException("connectionName must not be blank");
        }
    }

    /** The defaults for everything but the broker's address. */
    public static RabbitFeedConfig defaults(URI amqpUri) {
        return new RabbitFeedConfig(
                amqpUri,
                DEFAULT_INITIAL_BACKOFF,
                DEFAULT_MAX_BACKOFF,
                DEFAULT_PREFETCH,
                DEFAULT_CONNECTION_NAME);
    }

    /** The URI with its password replaced by {@code ***}: the only form that goes to logs. */
    public String maskedUri() {
        return mask(amqpUri);
    }

    @Override
    public String toString() {
        return "RabbitFeedConfig[amqpUri="
                + maskedUri()
                + ", initialBackoff="
                + initialBackoff
                + ", maxBackoff="
                + maxBackoff
                + ", prefetch="
                + prefetch
                + ", connectionName="
                + connectionName
                + "]";
    }

    static String mask(URI uri) {
        if (uri.isOpaque()) {
            // Nothing can be told apart in an opaque URI, so nothing of it is shown.
            return uri.getScheme() + ":***";
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null || !userInfo.contains(":")) {
            return uri.toString();
        }
        String masked = userInfo.substring(0, userInfo.indexOf(':')) + ":***";
        return uri.toString().replace("//" + userInfo + "@", "//" + masked + "@");
    }
}

package io.monorail.ws.adapter.rabbitmq;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * How {@link RabbitEventFeed} reaches the broker: AMQP URI, reconnect backoff, prefetch, the
 * connection name shown in the broker's management tools and, in cluster mode, the event stream.
 *
 * @param streamMode the event stream all instances read (cluster mode, ADR 13), or {@code null} for
 *     the single-instance queue mode
 */
public record RabbitFeedConfig(
        URI amqpUri,
        Duration initialBackoff,
        Duration maxBackoff,
        int prefetch,
        String connectionName,
        StreamMode streamMode) {

    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(250);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    public static final int DEFAULT_PREFETCH = 256;
    public static final String DEFAULT_CONNECTION_NAME = "monorail-ws";

    /** Longer waits only hide an outage; the cap also keeps the backoff arithmetic in range. */
    private static final Duration LONGEST_BACKOFF = Duration.ofHours(1);

    /** A queue-mode config: one exclusive queue per instance. */
    public RabbitFeedConfig(
            URI amqpUri,
            Duration initialBackoff,
            Duration maxBackoff,
            int prefetch,
            String connectionName) {
        this(amqpUri, initialBackoff, maxBackoff, prefetch, connectionName, null);
    }

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

    /** This config reading {@code streamMode}'s stream instead, or in queue mode when null. */
    public RabbitFeedConfig withStreamMode(StreamMode streamMode) {
        return new RabbitFeedConfig(
                amqpUri, initialBackoff, maxBackoff, prefetch, connectionName, streamMode);
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
                + ", streamMode="
                + streamMode
                + "]";
    }

    /**
     * The stream every gateway instance reads in cluster mode: its name, the exchanges bound to it
     * (with {@code #}, so it holds all their events) and its retention. Every instance must declare
     * it alike: the broker refuses a declaration whose retention differs from the stream's.
     *
     * @param maxAge how long an event is kept; sent to the broker in whole seconds, rounded up
     * @param maxLengthBytes how many bytes the stream keeps at most
     * @param maxSegmentSizeBytes the size of the stream's segment files, or {@code 0} for the
     *     broker's default (500 MB). Retention drops whole segments only, so a {@code
     *     maxLengthBytes} smaller than a segment bounds nothing
     */
    public record StreamMode(
            String stream,
            Set<String> exchanges,
            Duration maxAge,
            long maxLengthBytes,
            long maxSegmentSizeBytes) {

        public StreamMode {
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(exchanges, "exchanges");
            Objects.requireNonNull(maxAge, "maxAge");
            requireName("stream", stream);
            if (stream.startsWith("amq.")) {
                throw new IllegalArgumentException("stream names starting amq. are the broker's");
            }
            if (exchanges.isEmpty()) {
                throw new IllegalArgumentException("the stream needs at least one exchange");
            }
            // Kept in the configured order: bindings and log lines follow it.
            Set<String> copy = new LinkedHashSet<>();
            for (String exchange : exchanges) {
                requireName("exchange", Objects.requireNonNull(exchange, "exchange"));
                copy.add(exchange);
            }
            exchanges = Collections.unmodifiableSet(copy);
            if (maxAge.isNegative() || maxAge.isZero()) {
                throw new IllegalArgumentException("maxAge must be positive");
            }
            if (maxLengthBytes < 1) {
                throw new IllegalArgumentException("maxLengthBytes must be positive");
            }
            if (maxSegmentSizeBytes < 0) {
                throw new IllegalArgumentException(
                        "maxSegmentSizeBytes must be positive, or 0 for the broker's default");
            }
        }

        /** A stream with the broker's default segment size. */
        public StreamMode(
                String stream, Set<String> exchanges, Duration maxAge, long maxLengthBytes) {
            this(stream, exchanges, maxAge, maxLengthBytes, 0);
        }

        /** {@link #maxAge} as the broker reads it ({@code 300s}), never shorter than configured. */
        public String maxAgeArgument() {
            long seconds = maxAge.toSeconds() + (maxAge.toNanosPart() > 0 ? 1 : 0);
            return seconds + "s";
        }

        private static void requireName(String what, String name) {
            if (name.isBlank()) {
                throw new IllegalArgumentException(what + " name must not be blank");
            }
            // AMQP short strings: queue and exchange names hold at most 255 bytes.
            if (name.getBytes(StandardCharsets.UTF_8).length > 255) {
                throw new IllegalArgumentException(what + " name longer than 255 bytes: " + name);
            }
        }
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

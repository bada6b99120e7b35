package io.monorail.ws.app;

import io.monorail.ws.domain.cluster.ClusterSettings;
import io.monorail.ws.domain.session.SessionLimits;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The gateway's settings, parsed once: environment variables {@code MONORAIL_*}, over an optional
 * YAML or JSON file (same names, lower case, without the prefix: {@code MONORAIL_AMQP_URI} is
 * {@code amqp_uri}), over defaults. The names, defaults and rules are the table in {@link Setting}.
 * Every problem is reported at once, as one {@link SettingsException}: bad values, and unknown
 * names (typos) with the nearest known one.
 */
public final class Settings {
    private final Map<Setting, Object> values;

    private Settings(Map<Setting, Object> values) {
        this.values = values;
    }

    /**
     * Reads the process environment and, when given, a settings file.
     *
     * @throws SettingsException naming every bad value and unknown name
     */
    public static Settings load(Map<String, String> environment, Path file) {
        SettingsSources sources = new SettingsSources();
        if (file != null) {
            sources.file(file);
        }
        return parse(sources.environment(environment));
    }

    /**
     * Settings from defaults plus the given overrides, named as in a file ({@code port}); for tests
     * and tools.
     *
     * @throws SettingsException naming every bad value and unknown name
     */
    public static Settings of(Map<String, String> overrides) {
        return parse(new SettingsSources().overrides(overrides));
    }

    private static Settings parse(SettingsSources sources) {
        List<String> problems = new ArrayList<>(sources.problems());
        Map<Setting, Object> values = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            SettingsSources.Given given = sources.given().get(setting);
            String text = given == null ? setting.defaultValue() : given.text();
            try {
                values.put(setting, setting.parse(text));
            } catch (ValueParser.Invalid e) {
                problems.add(
                        setting.variable()
                                + "="
                                + setting.show(text)
                                + (given == null ? " (the default)" : given.origin())
                                + " "
                                + e.getMessage());
            }
        }
        if (problems.isEmpty() && Boolean.TRUE.equals(values.get(Setting.CLUSTER))) {
            if (((Optional<?>) values.get(Setting.AMQP_URI)).isEmpty()) {
                problems.add(
                        "MONORAIL_CLUSTER=streams needs an external RabbitMQ 3.9 or later"
                                + " (MONORAIL_AMQP_URI): the embedded broker has no streams and"
                                + " serves one instance only");
            }
            if (Boolean.TRUE.equals(values.get(Setting.CHANGES))) {
                problems.add(
                        "MONORAIL_CLUSTER=streams reads record changes from RabbitMQ"
                                + " (MONORAIL_CHANGES=waterline); change streams serve one instance"
                                + " only");
            }
        }
        if (!problems.isEmpty()) {
            throw new SettingsException(
                    (problems.size() == 1 ? "bad setting: " : problems.size() + " bad settings: ")
                            + String.join("; ", problems));
        }
        return new Settings(values);
    }

    public String host() {
        return value(Setting.HOST);
    }

    public int port() {
        return value(Setting.PORT);
    }

    /** The external broker, or empty for the embedded one. */
    public Optional<URI> amqpUri() {
        return value(Setting.AMQP_URI);
    }

    /** The external MongoDB, or empty for the embedded one. */
    public Optional<String> mongoUri() {
        return value(Setting.MONGO_URI);
    }

    public String mongoDatabase() {
        return value(Setting.MONGO_DB);
    }

    public int embeddedMongoPort() {
        return value(Setting.EMBEDDED_MONGO_PORT);
    }

    /** Where the embedded MongoDB keeps its data; empty = in memory. */
    public Optional<Path> embeddedMongoFile() {
        return value(Setting.EMBEDDED_MONGO_FILE);
    }

    public int maxResults() {
        return value(Setting.MAX_RESULTS);
    }

    /** Matching documents one filtered watch remembers, to announce those that leave it. */
    public int maxTrackedIds() {
        return value(Setting.MAX_TRACKED_IDS);
    }

    public Duration queryTimeout() {
        return value(Setting.QUERY_TIMEOUT_MS);
    }

    public int readThreads() {
        return value(Setting.READ_THREADS);
    }

    /**
     * Where document changes come from: {@code waterline} (RackHD's events on RabbitMQ, false) or
     * {@code changestream} (MongoDB change streams, true; needs a replica set).
     */
    public boolean changeStreams() {
        return value(Setting.CHANGES);
    }

    /** What is kept for clients that come back. */
    public SessionLimits sessionLimits() {
        return new SessionLimits(
                value(Setting.REPLAY_MESSAGES),
                this.<Integer>value(Setting.REPLAY_BYTES),
                value(Setting.RESUME_GRACE_SECONDS),
                value(Setting.MAX_DETACHED_SESSIONS),
                this.<Integer>value(Setting.REPLAY_JOURNAL_BYTES));
    }

    public int embeddedAmqpPort() {
        return value(Setting.EMBEDDED_AMQP_PORT);
    }

    public Set<String> mqExchanges() {
        return new LinkedHashSet<>(this.<List<String>>value(Setting.MQ_EXCHANGES));
    }

    public Optional<Path> catalog() {
        return value(Setting.CATALOG);
    }

    public int maxFrameBytes() {
        return value(Setting.MAX_FRAME_BYTES);
    }

    public int maxJsonDepth() {
        return value(Setting.MAX_JSON_DEPTH);
    }

    public int maxWatches() {
        return value(Setting.MAX_WATCHES);
    }

    public int maxOutgoingFrames() {
        return value(Setting.MAX_OUTGOING_FRAMES);
    }

    public Duration pingInterval() {
        return value(Setting.PING_SECONDS);
    }

    public Duration idleTimeout() {
        return value(Setting.IDLE_TIMEOUT_SECONDS);
    }

    /** True for {@code MONORAIL_AUTH=jwt}, false for {@code none}. */
    public boolean jwtAuth() {
        return value(Setting.AUTH);
    }

    /** The HS256 shared secret; never printed. */
    public Optional<String> jwtSecret() {
        return value(Setting.JWT_SECRET);
    }

    /** A PEM file of public keys (or certificates) for RS256/ES256. */
    public Optional<Path> jwtPublicKey() {
        return value(Setting.JWT_PUBLIC_KEY);
    }

    /** A JWKS file of public keys for RS256/ES256. */
    public Optional<Path> jwksFile() {
        return value(Setting.JWKS_FILE);
    }

    public Optional<String> jwtIssuer() {
        return value(Setting.JWT_ISSUER);
    }

    public Optional<String> jwtAudience() {
        return value(Setting.JWT_AUDIENCE);
    }

    public String jwtRolesClaim() {
        return value(Setting.JWT_ROLES_CLAIM);
    }

    public Duration jwtClockSkew() {
        return value(Setting.JWT_CLOCK_SKEW_SECONDS);
    }

    /** The access policy file (YAML or JSON); empty = the built-in default. */
    public Optional<Path> accessPolicy() {
        return value(Setting.ACCESS_POLICY);
    }

    /** Origins allowed to open a WebSocket from a browser; empty = same origin only. */
    public List<String> allowedOrigins() {
        return value(Setting.ALLOWED_ORIGINS);
    }

    public Optional<Path> tlsCert() {
        return value(Setting.TLS_CERT);
    }

    public Optional<Path> tlsKey() {
        return value(Setting.TLS_KEY);
    }

    public Optional<Path> tlsPkcs12() {
        return value(Setting.TLS_PKCS12);
    }

    /** The PKCS#12 file's password; never printed. */
    public Optional<String> tlsPassword() {
        return value(Setting.TLS_PASSWORD);
    }

    public int maxConnections() {
        return value(Setting.MAX_CONNECTIONS);
    }

    public int maxConnectionsPerAddress() {
        return value(Setting.MAX_CONNECTIONS_PER_ADDRESS);
    }

    /** Frames per second one connection may send; 0 = no limit. */
    public int maxMessagesPerSecond() {
        return value(Setting.MAX_MESSAGES_PER_SECOND);
    }

    public int messageBurst() {
        return value(Setting.MESSAGE_BURST);
    }

    public long maxOutgoingBytes() {
        return this.<Integer>value(Setting.MAX_OUTGOING_BYTES);
    }

    /** Routing-key patterns the {@code mq} resource may bind ({@code #} = any). */
    public List<String> mqRoutingKeys() {
        return value(Setting.MQ_ROUTING_KEYS);
    }

    /**
     * Cluster mode (ADR 13): off for {@code none}; for {@code streams}, this instance's name (the
     * configured one, or the host name and a random suffix, unique per start) and checkpoint
     * interval.
     */
    public ClusterSettings cluster() {
        if (!this.<Boolean>value(Setting.CLUSTER)) {
            return ClusterSettings.SINGLE;
        }
        String instance =
                this.<Optional<String>>value(Setting.CLUSTER_INSTANCE)
                        .orElseGet(Settings::generatedInstanceName);
        return ClusterSettings.streams(instance, value(Setting.CLUSTER_CHECKPOINT_SECONDS));
    }

    /** The streams of cluster mode. */
    public ClusterStreams clusterStreams() {
        Duration grace = sessionLimits().grace();
        return new ClusterStreams(
                value(Setting.CLUSTER_EVENT_STREAM),
                value(Setting.CLUSTER_SESSION_STREAM),
                grace.multipliedBy(2).plusMinutes(1),
                value(Setting.CLUSTER_STREAM_MAX_BYTES));
    }

    /**
     * The names of the two streams, and how long and how much of them RabbitMQ keeps: twice the
     * grace period plus a minute (what a takeover may replay), and a size bound.
     */
    public record ClusterStreams(String events, String sessions, Duration maxAge, long maxBytes) {}

    private static String generatedInstanceName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "monorail";
        }
        String safe = host.replaceAll("[^A-Za-z0-9_.:-]", "-");
        return safe.substring(0, Math.min(safe.length(), 80))
                + "-"
                + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong())
                        .substring(0, 6);
    }

    /** The parsed value; its type is the one the setting's parser returns. */
    @SuppressWarnings("unchecked")
    private <T> T value(Setting setting) {
        return (T) values.get(setting);
    }

    /** A setting that cannot be used; the message says which and why. */
    public static final class SettingsException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SettingsException(String message) {
            super(message);
        }
    }
}

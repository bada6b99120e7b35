package io.monorail.ws.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.monorail.ws.domain.session.SessionLimits;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The gateway's settings: environment variables {@code MONORAIL_*}, over an optional YAML or JSON
 * file (same names, lower case, without the prefix: {@code MONORAIL_AMQP_URI} is {@code amqp_uri}),
 * over defaults. Unknown names in the file are an error, so a typo is not silently ignored.
 */
public final class Settings {
    static final String PREFIX = "MONORAIL_";

    /** Every setting, with its default ("" = unset). The README's table lists the same. */
    static final Map<String, String> DEFAULTS = defaults();

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = values;
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("host", "127.0.0.1");
        d.put("port", "9100");
        d.put("amqp_uri", "");
        d.put("embedded_amqp_port", "5673");
        d.put("mq_exchanges", "on.events,on.logging,on.waterline,on.test");
        d.put("mongo_uri", "");
        d.put("mongo_db", "pxe");
        d.put("embedded_mongo_port", "27018");
        d.put("embedded_mongo_file", "");
        d.put("max_results", "1000");
        d.put("query_timeout_ms", "5000");
        d.put("read_threads", "4");
        d.put("changes", "waterline");
        d.put("replay_messages", "10000");
        d.put("replay_bytes", "8388608");
        d.put("resume_grace_seconds", "120");
        d.put("max_detached_sessions", "1000");
        d.put("catalog", "");
        d.put("max_frame_bytes", "65536");
        d.put("max_json_depth", "32");
        d.put("max_watches", "100");
        d.put("max_tracked_ids", "10000");
        d.put("max_outgoing_frames", "1024");
        d.put("ping_seconds", "25");
        d.put("idle_timeout_seconds", "60");
        // Security: see the README's "Security" section.
        d.put("auth", "none");
        d.put("jwt_secret", "");
        d.put("jwt_public_key", "");
        d.put("jwks_file", "");
        d.put("jwt_issuer", "");
        d.put("jwt_audience", "");
        d.put("jwt_roles_claim", "roles");
        d.put("jwt_clock_skew_seconds", "30");
        d.put("access_policy", "");
        d.put("allowed_origins", "");
        d.put("tls_cert", "");
        d.put("tls_key", "");
        d.put("tls_pkcs12", "");
        d.put("tls_password", "");
        d.put("max_connections", "10000");
        d.put("max_connections_per_address", "100");
        d.put("max_messages_per_second", "50");
        d.put("message_burst", "100");
        d.put("max_outgoing_bytes", "4194304");
        d.put("mq_routing_keys", "#");
        return Map.copyOf(d);
    }

    /** Reads the process environment and, when given, a settings file. */
    public static Settings load(Map<String, String> environment, Path file) {
        Map<String, String> values = new TreeMap<>(DEFAULTS);
        if (file != null) {
            values.putAll(readFile(file));
        }
        environment.forEach(
                (name, value) -> {
                    if (name.startsWith(PREFIX)) {
                        String key = name.substring(PREFIX.length()).toLowerCase(Locale.ROOT);
                        if (DEFAULTS.containsKey(key)) {
                            values.put(key, value.trim());
                        }
                    }
                });
        return new Settings(values);
    }

    /** Settings from defaults plus the given overrides (tests, tools). */
    public static Settings of(Map<String, String> overrides) {
        Map<String, String> values = new TreeMap<>(DEFAULTS);
        overrides.forEach(
                (key, value) -> {
                    requireKnown(key, "override");
                    values.put(key, value);
                });
        return new Settings(values);
    }

    public String host() {
        return text("host").orElseThrow(() -> invalid("host", "", "must not be empty"));
    }

    public int port() {
        return integer("port", 0, 65_535);
    }

    /** The external broker, or empty for the embedded one. */
    public Optional<URI> amqpUri() {
        return text("amqp_uri").map(value -> uri("amqp_uri", value, "amqp", "amqps"));
    }

    /** The external MongoDB, or empty for the embedded one. */
    public Optional<String> mongoUri() {
        return text("mongo_uri")
                .map(
                        value -> {
                            uri("mongo_uri", value, "mongodb", "mongodb+srv");
                            return value;
                        });
    }

    public String mongoDatabase() {
        String db =
                text("mongo_db").orElseThrow(() -> invalid("mongo_db", "", "must not be empty"));
        if (!db.matches("[A-Za-z0-9_-]{1,63}")) {
            throw invalid("mongo_db", db, "must be 1-63 letters, digits, '_' or '-'");
        }
        return db;
    }

    public int embeddedMongoPort() {
        return integer("embedded_mongo_port", 0, 65_535);
    }

    /** Where the embedded MongoDB keeps its data; empty = in memory. */
    public Optional<Path> embeddedMongoFile() {
        return text("embedded_mongo_file").map(Path::of);
    }

    public int maxResults() {
        return integer("max_results", 1, 100_000);
    }

    /** Matching documents one filtered watch remembers, to announce those that leave it. */
    public int maxTrackedIds() {
        return integer("max_tracked_ids", 1, 10_000_000);
    }

    public Duration queryTimeout() {
        return Duration.ofMillis(integer("query_timeout_ms", 1, 600_000));
    }

    public int readThreads() {
        return integer("read_threads", 1, 256);
    }

    /**
     * Where document changes come from: {@code waterline} (RackHD's events on RabbitMQ) or {@code
     * changestream} (MongoDB change streams; needs a replica set).
     */
    public boolean changeStreams() {
        String value = values.get("changes").trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "waterline" -> false;
            case "changestream" -> true;
            default -> throw invalid("changes", value, "must be 'waterline' or 'changestream'");
        };
    }

    /** What is kept for clients that come back. */
    public SessionLimits sessionLimits() {
        return new SessionLimits(
                integer("replay_messages", 0, 10_000_000),
                integer("replay_bytes", 0, Integer.MAX_VALUE),
                Duration.ofSeconds(integer("resume_grace_seconds", 0, 86_400)),
                integer("max_detached_sessions", 0, 1_000_000));
    }

    public int embeddedAmqpPort() {
        return integer("embedded_amqp_port", 0, 65_535);
    }

    public Set<String> mqExchanges() {
        Set<String> exchanges = new LinkedHashSet<>();
        Arrays.stream(values.get("mq_exchanges").split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .forEach(exchanges::add);
        return exchanges;
    }

    public Optional<Path> catalog() {
        return text("catalog").map(Path::of);
    }

    public int maxFrameBytes() {
        return integer("max_frame_bytes", 256, 16 * 1024 * 1024);
    }

    public int maxJsonDepth() {
        return integer("max_json_depth", 2, 1000);
    }

    public int maxWatches() {
        return integer("max_watches", 1, 100_000);
    }

    public int maxOutgoingFrames() {
        return integer("max_outgoing_frames", 1, 1_000_000);
    }

    public Duration pingInterval() {
        return Duration.ofSeconds(integer("ping_seconds", 1, 3600));
    }

    public Duration idleTimeout() {
        return Duration.ofSeconds(integer("idle_timeout_seconds", 1, 86_400));
    }

    /** True for {@code MONORAIL_AUTH=jwt}, false for {@code none}. */
    public boolean jwtAuth() {
        String value = values.get("auth").trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "none" -> false;
            case "jwt" -> true;
            default -> throw invalid("auth", value, "must be 'none' or 'jwt'");
        };
    }

    /** The HS256 shared secret; never printed. */
    public Optional<String> jwtSecret() {
        return text("jwt_secret");
    }

    /** A PEM file of public keys (or certificates) for RS256/ES256. */
    public Optional<Path> jwtPublicKey() {
        return text("jwt_public_key").map(Path::of);
    }

    /** A JWKS file of public keys for RS256/ES256. */
    public Optional<Path> jwksFile() {
        return text("jwks_file").map(Path::of);
    }

    public Optional<String> jwtIssuer() {
        return text("jwt_issuer");
    }

    public Optional<String> jwtAudience() {
        return text("jwt_audience");
    }

    public String jwtRolesClaim() {
        return text("jwt_roles_claim")
                .orElseThrow(() -> invalid("jwt_roles_claim", "", "must not be empty"));
    }

    public Duration jwtClockSkew() {
        return Duration.ofSeconds(integer("jwt_clock_skew_seconds", 0, 600));
    }

    /** The access policy file (YAML or JSON); empty = the built-in default. */
    public Optional<Path> accessPolicy() {
        return text("access_policy").map(Path::of);
    }

    /** Origins allowed to open a WebSocket from a browser; empty = same origin only. */
    public List<String> allowedOrigins() {
        return list("allowed_origins");
    }

    public Optional<Path> tlsCert() {
        return text("tls_cert").map(Path::of);
    }

    public Optional<Path> tlsKey() {
        return text("tls_key").map(Path::of);
    }

    public Optional<Path> tlsPkcs12() {
        return text("tls_pkcs12").map(Path::of);
    }

    /** The PKCS#12 file's password; never printed. */
    public Optional<String> tlsPassword() {
        String value = values.get("tls_password");
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    public int maxConnections() {
        return integer("max_connections", 1, 10_000_000);
    }

    public int maxConnectionsPerAddress() {
        return integer("max_connections_per_address", 1, 10_000_000);
    }

    /** Frames per second one connection may send; 0 = no limit. */
    public int maxMessagesPerSecond() {
        return integer("max_messages_per_second", 0, 1_000_000);
    }

    public int messageBurst() {
        return integer("message_burst", 1, 1_000_000);
    }

    public long maxOutgoingBytes() {
        return integer("max_outgoing_bytes", 1024, Integer.MAX_VALUE);
    }

    /** Routing-key patterns the {@code mq} resource may bind ({@code #} = any). */
    public List<String> mqRoutingKeys() {
        List<String> patterns = list("mq_routing_keys");
        if (patterns.isEmpty()) {
            throw invalid("mq_routing_keys", "", "must name at least one pattern ('#' = any)");
        }
        return patterns;
    }

    private List<String> list(String key) {
        return Arrays.stream(values.get(key).split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private Optional<String> text(String key) {
        String value = values.get(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private int integer(String key, int min, int max) {
        String value = values.get(key);
        try {
            int number = Integer.parseInt(value.trim());
            if (number < min || number > max) {
                throw invalid(key, value, "must be between " + min + " and " + max);
            }
            return number;
        } catch (NumberFormatException e) {
            throw invalid(key, value, "must be an integer");
        }
    }

    private static URI uri(String key, String value, String... schemes) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || !Set.of(schemes).contains(uri.getScheme())) {
                throw invalid(
                        key,
                        "(hidden)",
                        "must be a URI with scheme " + String.join(" or ", schemes));
            }
            return uri;
        } catch (URISyntaxException e) {
            // The value may hold a password: do not repeat it.
            throw invalid(key, "(hidden)", "is not a valid URI");
        }
    }

    private static Map<String, String> readFile(Path file) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new SettingsException(
                    "cannot read settings file " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        if (root == null || root.isNull() || root.isMissingNode()) {
            return values;
        }
        if (!root.isObject()) {
            throw new SettingsException(
                    "settings file " + file + " must hold a mapping of names to values");
        }
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            String key = entry.getKey().toLowerCase(Locale.ROOT);
            requireKnown(key, "settings file " + file);
            JsonNode value = entry.getValue();
            if (value.isArray()) {
                StringBuilder joined = new StringBuilder();
                value.forEach(
                        v -> joined.append(joined.length() == 0 ? "" : ",").append(v.asText()));
                values.put(key, joined.toString());
            } else if (value.isValueNode()) {
                values.put(key, value.asText());
            } else {
                throw new SettingsException(
                        "settings file " + file + ": '" + key + "' must be a value or a list");
            }
        }
        return values;
    }

    private static void requireKnown(String key, String where) {
        if (!DEFAULTS.containsKey(key)) {
            throw new SettingsException(
                    where
                            + ": unknown setting '"
                            + key
                            + "'; known: "
                            + String.join(", ", new TreeMap<>(DEFAULTS).keySet()));
        }
    }

    private static SettingsException invalid(String key, String value, String why) {
        return new SettingsException(
                PREFIX + key.toUpperCase(Locale.ROOT) + " (" + key + ") = '" + value + "' " + why);
    }

    /** A setting that cannot be used; the message says which and why. */
    public static final class SettingsException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SettingsException(String message) {
            super(message);
        }
    }
}

package io.monorail.ws.app;

import static io.monorail.ws.app.ValueParser.choice;
import static io.monorail.ws.app.ValueParser.integer;
import static io.monorail.ws.app.ValueParser.list;
import static io.monorail.ws.app.ValueParser.longInteger;
import static io.monorail.ws.app.ValueParser.matching;
import static io.monorail.ws.app.ValueParser.millis;
import static io.monorail.ws.app.ValueParser.nonEmptyList;
import static io.monorail.ws.app.ValueParser.optionalMatching;
import static io.monorail.ws.app.ValueParser.optionalText;
import static io.monorail.ws.app.ValueParser.path;
import static io.monorail.ws.app.ValueParser.port;
import static io.monorail.ws.app.ValueParser.requiredText;
import static io.monorail.ws.app.ValueParser.seconds;
import static io.monorail.ws.app.ValueParser.uri;
import static io.monorail.ws.app.ValueParser.verbatim;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Every setting of the gateway, the one table of them: name, default ("" = unset), parser with its
 * range, and what it is for. The README's configuration table lists the same names and defaults (a
 * test holds them together); {@link Settings} parses them all at start.
 */
enum Setting {
    HOST("127.0.0.1", requiredText(), "address to listen on (0.0.0.0 for all)"),
    PORT("9100", port(), "WebSocket + HTTP port (0 = any free port)"),
    AMQP_URI(
            "",
            uri("amqp", "amqps"),
            "RabbitMQ to use, e.g. amqp://user:pass@rabbit:5672; unset = embedded broker",
            Shown.HIDDEN),
    EMBEDDED_AMQP_PORT("5673", port(), "port of the embedded broker (loopback only)"),
    MONGO_URI(
            "",
            uri("mongodb", "mongodb+srv").map(value -> value.map(URI::toString)),
            "MongoDB to read, e.g. mongodb://rackhd-mongo:27017; unset = embedded server",
            Shown.HIDDEN),
    MONGO_DB(
            "pxe",
            matching("[A-Za-z0-9_-]{1,63}", "1-63 letters, digits, '_' or '-'"),
            "database holding RackHD's collections"),
    EMBEDDED_MONGO_PORT("27018", port(), "port of the embedded MongoDB-wire server"),
    EMBEDDED_MONGO_FILE("", path(), "keep the embedded server's data in this file (H2)"),
    CHANGES(
            "waterline",
            choice("waterline", false, "changestream", true),
            "where record changes come from: waterline or changestream"),
    MAX_RESULTS("1000", integer(1, 100_000), "most documents in one list"),
    QUERY_TIMEOUT_MS("5000", millis(1, 600_000), "time limit of one read in MongoDB"),
    READ_THREADS("4", integer(1, 256), "threads running reads"),
    MQ_EXCHANGES(
            "on.events,on.logging,on.waterline,on.test",
            list(),
            "exchanges the mq resource may bind (comma-separated)"),
    CATALOG("", path(), "resource catalog file (YAML or JSON); unset = built in"),
    MAX_FRAME_BYTES("65536", integer(256, 16 * 1024 * 1024), "largest inbound frame"),
    MAX_JSON_DEPTH("32", integer(2, 1000), "deepest JSON nesting accepted in a frame"),
    MAX_WATCHES("100", integer(1, 100_000), "watches per connection"),
    MAX_TRACKED_IDS(
            "10000", integer(1, 10_000_000), "documents one filtered watch remembers as matching"),
    MAX_OUTGOING_FRAMES(
            "1024", integer(1, 1_000_000), "frames queued for one client before it is closed"),
    REPLAY_MESSAGES("10000", integer(0, 10_000_000), "watch messages kept per session for resume"),
    REPLAY_BYTES("8388608", integer(0, Integer.MAX_VALUE), "their total size in bytes of JSON"),
    REPLAY_JOURNAL_BYTES(
            "268435456",
            integer(0, Integer.MAX_VALUE),
            "frames kept for resumes, once for all sessions; older ones go first"),
    RESUME_GRACE_SECONDS("120", seconds(0, 86_400), "how long a session outlives its connection"),
    MAX_DETACHED_SESSIONS(
            "1000", integer(0, 1_000_000), "sessions kept without a connection; oldest go first"),
    PING_SECONDS("25", seconds(1, 3600), "server ping interval"),
    IDLE_TIMEOUT_SECONDS("60", seconds(1, 86_400), "a peer silent this long is closed"),
    AUTH("none", choice("none", false, "jwt", true), "none (loopback use) or jwt"),
    JWT_SECRET("", optionalText(), "HS256 shared secret, at least 32 bytes", Shown.HIDDEN),
    JWT_PUBLIC_KEY("", path(), "PEM file of public keys or certificates"),
    JWKS_FILE("", path(), "JWKS file of public keys"),
    JWT_ISSUER("", optionalText(), "required iss; unset = any"),
    JWT_AUDIENCE("", optionalText(), "a value aud must hold; unset = any"),
    JWT_ROLES_CLAIM("roles", requiredText(), "claim holding the roles (dotted = nested)"),
    JWT_CLOCK_SKEW_SECONDS("30", seconds(0, 600), "tolerated clock difference for exp/nbf"),
    ACCESS_POLICY("", path(), "roles -> resources and actions (YAML or JSON); unset = built in"),
    ALLOWED_ORIGINS(
            "", list(), "origins browsers may connect from (comma-separated, or *); unset = same"),
    TLS_CERT("", path(), "PEM certificate chain: serve wss://"),
    TLS_KEY("", path(), "PKCS#8 key of that certificate"),
    TLS_PKCS12("", path(), "or a PKCS#12 file"),
    TLS_PASSWORD("", verbatim(), "the PKCS#12 file's password", Shown.HIDDEN),
    MAX_CONNECTIONS("10000", integer(1, 10_000_000), "open connections in total"),
    MAX_CONNECTIONS_PER_ADDRESS("100", integer(1, 10_000_000), "open connections per client IP"),
    MAX_MESSAGES_PER_SECOND(
            "50", integer(0, 1_000_000), "frames per second per connection (0 = no limit)"),
    MESSAGE_BURST("100", integer(1, 1_000_000), "frames a quiet connection may send at once"),
    MAX_OUTGOING_BYTES(
            "4194304", integer(1024, Integer.MAX_VALUE), "bytes queued for one client at most"),
    MQ_ROUTING_KEYS(
            "#",
            nonEmptyList("pattern ('#' = any)"),
            "routing-key patterns the mq resource may bind (comma-separated)"),
    CLUSTER(
            "none",
            choice("none", false, "streams", true),
            "none (one instance) or streams (instances share RabbitMQ streams)"),
    CLUSTER_INSTANCE(
            "",
            optionalMatching(
                    "[A-Za-z0-9_.:-]{1,100}", "1-100 letters, digits, '_', '.', ':' or '-'"),
            "this instance's name in the cluster; unset = host name and a random suffix"),
    CLUSTER_CHECKPOINT_SECONDS(
            "10", seconds(1, 3600), "how often an attached session's checkpoint is written"),
    CLUSTER_EVENT_STREAM(
            "monorail.events",
            matching("[A-Za-z0-9_.:-]{1,200}", "1-200 letters, digits, '_', '.', ':' or '-'"),
            "the stream every instance reads events from"),
    CLUSTER_SESSION_STREAM(
            "monorail.sessions",
            matching("[A-Za-z0-9_.:-]{1,200}", "1-200 letters, digits, '_', '.', ':' or '-'"),
            "the stream of session records"),
    CLUSTER_STREAM_MAX_BYTES(
            "1073741824",
            longInteger(1_048_576, Long.MAX_VALUE),
            "size bound of each stream (besides its age: twice the grace period plus a minute)");

    /** Environment variables carry this prefix; files and {@link Settings#of} leave it out. */
    static final String PREFIX = "MONORAIL_";

    /** Whether a bad value may be repeated in an error message. */
    enum Shown {
        AS_GIVEN,
        /** May hold a password. */
        HIDDEN
    }

    private final String defaultValue;
    private final ValueParser<?> parser;
    private final String doc;
    private final Shown shown;

    Setting(String defaultValue, ValueParser<?> parser, String doc) {
        this(defaultValue, parser, doc, Shown.AS_GIVEN);
    }

    Setting(String defaultValue, ValueParser<?> parser, String doc, Shown shown) {
        this.defaultValue = defaultValue;
        this.parser = parser;
        this.doc = doc;
        this.shown = shown;
    }

    /** The name in a settings file and in {@link Settings#of}: {@code amqp_uri}. */
    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The environment variable: {@code MONORAIL_AMQP_URI}. */
    String variable() {
        return PREFIX + name();
    }

    /** The text used when nothing is given; "" = unset. */
    String defaultValue() {
        return defaultValue;
    }

    /** One line saying what the setting is for. */
    String doc() {
        return doc;
    }

    /**
     * The value of {@code text}.
     *
     * @throws ValueParser.Invalid saying why not
     */
    Object parse(String text) {
        return parser.parse(text);
    }

    /** {@code text} as an error message may show it. */
    String show(String text) {
        if (shown == Shown.HIDDEN) {
            return "(hidden)";
        }
        boolean spaced = text.isBlank() || !text.equals(text.strip());
        return spaced ? "\"" + text + "\"" : text;
    }

    /** The setting a file or {@link Settings#of} calls {@code key} (any case). */
    static Optional<Setting> byKey(String key) {
        for (Setting setting : values()) {
            if (setting.key().equalsIgnoreCase(key)) {
                return Optional.of(setting);
            }
        }
        return Optional.empty();
    }
}

package io.monorail.ws.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monorail.ws.domain.auth.GatewaySecurity;
import io.monorail.ws.domain.catalog.ResourceCatalog;
import io.monorail.ws.domain.fake.InMemoryEventFeed;
import io.monorail.ws.domain.fake.InMemoryResourceStore;
import io.monorail.ws.domain.fake.ManualClock;
import io.monorail.ws.domain.fake.RecordingClientConnection;
import io.monorail.ws.domain.filter.Filter;
import io.monorail.ws.domain.filter.FilterLimits;
import io.monorail.ws.domain.port.in.ClientSession;
import io.monorail.ws.domain.port.out.TopicBinding;
import io.monorail.ws.domain.session.InMemorySessionStore;
import io.monorail.ws.protocol.Message;
import io.monorail.ws.protocol.MessageCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing the codec and the router: a checked-in corpus of nasty frames plus thousands of generated
 * ones (seeded, so every run is the same). Whatever comes in, the gateway answers with well-formed
 * frames, never leaks an exception or stack trace, never hands MongoDB a filter that fails
 * validation, never binds an exchange off the allow-list, and keeps serving.
 */
class HostileInputTest {
    private static final long SEED = 20261130L;
    private static final int GENERATED = 6_000;
    private static final Set<String> ALLOWED_EXCHANGES =
            Set.of("on.events", "on.logging", "on.waterline", "on.test");
    private static final Pattern LEAK =
            Pattern.compile(
                    "Exception|\\tat |java\\.|javax\\.|com\\.fasterxml|io\\.monorail|\\.java:");
    private static final List<String> OPERATORS =
            List.of(
                    "$where",
                    "$function",
                    "$expr",
                    "$accumulator",
                    "$jsonSchema",
                    "$lookup",
                    "$text",
                    "$mod",
                    "$type",
                    "$eq",
                    "$in",
                    "$regex",
                    "$elemMatch",
                    "$not",
                    "$or",
                    "$and",
                    "$size");
    private static final List<String> TEMPLATES =
            List.of(
                    "{\"handler\":\"init\"}",
                    "{\"handler\":\"init\",\"id\":\"abc\",\"seq\":3}",
                    "{\"handler\":\"watch\",\"type\":\"mq\",\"params\":{\"exchange\":\"on.test\",\"routingKey\":\"a.#\"}}",
                    "{\"handler\":\"watch\",\"type\":\"workflows\",\"params\":{\"graphId\":\"g1\"}}",
                    "{\"handler\":\"watch\",\"resource\":\"nodes\",\"params\":{\"id\":\"n1\"},\"snapshot\":true}",
                    "{\"handler\":\"stop\",\"type\":\"mq\",\"params\":{\"exchange\":\"on.test\"}}",
                    "{\"handler\":\"query\",\"type\":\"nodes\",\"params\":{\"name\":{\"$regex\":\"^a\"}},\"limit\":5,\"sort\":{\"name\":1}}",
                    "{\"handler\":\"get\",\"resource\":\"catalogs\",\"params\":{\"id\":\"c1\"}}",
                    "{\"handler\":\"all\",\"type\":\"skus\",\"ref\":1}");

    private final MessageCodec codec = new MessageCodec();
    private final InMemoryEventFeed feed = new InMemoryEventFeed();
    private final InMemoryResourceStore store = new InMemoryResourceStore();
    private final Gateway gateway =
            new Gateway(
                    ResourceCatalog.defaults(FilterLimits.defaults()),
                    new GatewayPorts(feed, store, new InMemorySessionStore(), new ManualClock(0)),
                    // Rate limiting is tested on its own; here every frame must be handled.
                    GatewayLimits.defaults()
                            .withMaxWatches(100_000)
                            .withMessageRate(RateLimit.unlimited()),
                    GatewaySecurity.open(),
                    Runnable::run);

    @Test
    void theCorpus_neverBreaksTheGateway() throws Exception {
        Probe probe = connect();
        for (String frame : corpus()) {
            probe.survives(frame);
        }
        probe.stillServes();
        assertSafeSideEffects();
    }

    @Test
    void generatedFrames_neverBreakTheGateway() throws Exception {
        Random random = new Random(SEED);
        Probe probe = connect();
        for (int i = 0; i < GENERATED; i++) {
            probe.survives(generate(random));
            if (i % 500 == 0) {
                probe.stillServes();
            }
        }
        probe.stillServes();
        assertSafeSideEffects();
    }

    private void assertSafeSideEffects() throws Exception {
        for (ObjectNode filter : store.filtersSeen()) {
            // What reached the store validates again, and holds no operator outside the subset.
            assertThatCode(() -> Filter.compile(filter, FilterLimits.defaults()))
                    .as("filter that reached the store: %s", filter)
                    .doesNotThrowAnyException();
        }
        for (TopicBinding binding : feed.bindCalls()) {
            assertThat(binding.exchange()).isIn(ALLOWED_EXCHANGES);
        }
    }

    private String generate(Random random) {
        String base = TEMPLATES.get(random.nextInt(TEMPLATES.size()));
        return switch (random.nextInt(8)) {
            case 0 -> flipCharacters(base, random);
            case 1 -> base.substring(0, random.nextInt(base.length() + 1));
            case 2 -> injectOperator(base, random);
            case 3 -> nest(random.nextInt(60), random);
            case 4 -> base.replace("\"handler\":\"", "\"handler\":\"" + randomText(random, 3));
            case 5 ->
                    base.replace(
                            "}",
                            ",\"" + randomText(random, 4) + "\":" + randomValue(random, 3) + "}");
            case 6 -> randomText(random, 1 + random.nextInt(80));
            default ->
                    base.replace("\"params\":", "\"params\":" + randomValue(random, 4) + ",\"x\":");
        };
    }

    private String flipCharacters(String base, Random random) {
        char[] chars = base.toCharArray();
        String noise = "{}[]\":,\\$.\u0000é#*";
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            chars[random.nextInt(chars.length)] = noise.charAt(random.nextInt(noise.length()));
        }
        return new String(chars);
    }

    private String injectOperator(String base, Random random) {
        String operator = OPERATORS.get(random.nextInt(OPERATORS.size()));
        String payload = "{\"" + operator + "\":" + randomValue(random, 3) + "}";
        for (int depth = random.nextInt(4); depth > 0; depth--) {
            payload =
                    random.nextBoolean()
                            ? "{\"$and\":[" + payload + "]}"
                            : "{\"f" + depth + "\":{\"$elemMatch\":" + payload + "}}";
        }
        return base.contains("\"params\":{")
                ? base.replace("\"params\":{", "\"params\":{\"a\":" + payload + ",")
                : base.replace("}", ",\"params\":" + payload + "}");
    }

    private String nest(int depth, Random random) {
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        return "{\"handler\":\"query\",\"type\":\"nodes\",\"params\":{\"x\":"
                + open.repeat(depth)
                + "1"
                + close.repeat(depth)
                + "}}";
    }

    private String randomValue(Random random, int depth) {
        int kind = depth <= 0 ? random.nextInt(5) : random.nextInt(7);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> Long.toString(random.nextLong());
            case 2 ->
                    "\""
                            + randomText(random, random.nextInt(12))
                                    .replace("\\", "")
                                    .replace("\"", "")
                            + "\"";
            case 3 -> random.nextBoolean() ? "true" : "false";
            case 4 -> Double.toString(random.nextGaussian() * 1e300);
            case 5 ->
                    "["
                            + randomValue(random, depth - 1)
                            + ","
                            + randomValue(random, depth - 1)
                            + "]";
            default ->
                    "{\""
                            + OPERATORS.get(random.nextInt(OPERATORS.size()))
                            + "\":"
                            + randomValue(random, depth - 1)
                            + "}";
        };
    }

    private String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(
                    (char)
                            (random.nextInt(4) == 0
                                    ? random.nextInt(0x3000)
                                    : 32 + random.nextInt(95)));
        }
        return text.toString();
    }

    private List<String> corpus() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/hostile/corpus.txt")) {
            assertThat(in).as("corpus on the classpath").isNotNull();
            List<String> frames = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("#")) {
                    continue;
                }
                frames.add(line.equals("\\e") ? "" : line.equals("\\s") ? " " : line);
            }
            assertThat(frames).hasSizeGreaterThan(50);
            return frames;
        }
    }

    private Probe connect() {
        RecordingClientConnection connection = new RecordingClientConnection();
        return new Probe(connection, gateway.connect(Client.anonymous(connection, null)));
    }

    /** One connection being fed hostile frames, checking every answer. */
    private final class Probe {
        private final RecordingClientConnection connection;
        private final ClientSession session;

        Probe(RecordingClientConnection connection, ClientSession session) {
            this.connection = connection;
            this.session = session;
        }

        void survives(String frame) throws Exception {
            assertThatCode(
                            () ->
                                    session.onText(frame)
                                            .toCompletableFuture()
                                            .get(5, TimeUnit.SECONDS))
                    .as("handling %s", abbreviate(frame))
                    .doesNotThrowAnyException();
            for (String sent : connection.drain()) {
                Message reply;
                try {
                    reply = codec.decode(sent);
                } catch (Exception e) {
                    throw new AssertionError(
                            "malformed reply " + sent + " to " + abbreviate(frame), e);
                }
                if ("error".equals(reply.handler())) {
                    JsonNode params = reply.params();
                    assertThat(params.get("code").isTextual()).isTrue();
                    assertThat(params.get("message").textValue())
                            .as("error message for %s", abbreviate(frame))
                            .doesNotContainPattern(LEAK);
                    assertThat(params.get("code").textValue()).isNotEqualTo("internal");
                }
            }
            assertThat(connection.closeCode())
                    .as("no frame closes the connection: %s", abbreviate(frame))
                    .isEqualTo(-1);
        }

        void stillServes() throws Exception {
            session.onText("{\"handler\":\"init\",\"ref\":\"alive\"}")
                    .toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
            List<String> sent = connection.drain();
            assertThat(sent).isNotEmpty();
            Message last = codec.decode(sent.get(sent.size() - 1));
            assertThat(last.handler()).isEqualTo("session");
        }
    }

    private static String abbreviate(String frame) {
        return frame.length() > 200 ? frame.substring(0, 200) + "..." : frame;
    }
}

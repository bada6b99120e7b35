package io.monorail.ws.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.monorail.ws.app.GatewayApplication;
import io.monorail.ws.app.demo.DemoActivity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The JavaScript client's own tests ({@code web/test/*.test.mjs}, Node's test runner) against two
 * running gateways: an open one with demo activity, and one with {@code MONORAIL_AUTH=jwt}. Skipped
 * where there is no Node 20+, unless {@code MONORAIL_IT_REQUIRE_NODE=true} (as in CI), where its
 * absence fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JavaScriptClientIT {
    private static final String JWT_SECRET = "js-it-secret-that-is-at-least-32-bytes-long";

    /** Small, so the resync test can overflow a detached session's replay buffer quickly. */
    private static final int REPLAY_MESSAGES = 200;

    private static final Duration NODE_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern NODE_VERSION = Pattern.compile("v(\\d+)\\.");

    private final Path web = Path.of(System.getProperty("monorail.web", "../web"));
    private GatewayApplication open;
    private GatewayApplication secured;
    private DemoActivity demo;

    @BeforeAll
    void startGateways() throws Exception {
        open =
                TestGateways.startConnected(
                        Map.of("replay_messages", String.valueOf(REPLAY_MESSAGES)));
        // Documents for query/get come from the demo, written as RackHD writes them.
        demo = new DemoActivity(open.mongoUri(), "pxe", open.amqpUri(), Duration.ofMillis(200));
        demo.start();
        secured =
                TestGateways.startConnected(
                        Map.of(
                                "auth",
                                "jwt",
                                "jwt_secret",
                                JWT_SECRET,
                                // exp is exact, so the expiry test needs no 30 s wait
                                "jwt_clock_skew_seconds",
                                "0"));
    }

    @AfterAll
    void stopGateways() {
        if (demo != null) {
            demo.close();
        }
        if (secured != null) {
            secured.close();
        }
        if (open != null) {
            open.close();
        }
    }

    @Test
    void gatewayServesTheClientFile() throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + open.port() + "/monorail-ws.js");
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(uri).build(),
                                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));
        assertThat(response.body()).isEqualTo(Files.readString(web.resolve("monorail-ws.js")));
    }

    @Test
    void nodeTestsOfTheJavaScriptClient_pass() throws Exception {
        int nodeMajor = nodeMajorVersion();
        List<String> command = new ArrayList<>(List.of("node"));
        if (nodeMajor < 22) {
            command.add("--experimental-websocket"); // a global WebSocket from Node 22 on
        }
        command.addAll(List.of("--test", "--test-reporter=tap"));
        command.addAll(testFiles());
        ProcessBuilder builder = new ProcessBuilder(command).directory(web.toFile());
        builder.redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("MONORAIL_URL", open.webSocketUri().toString());
        env.put("MONORAIL_AMQP_URL", open.amqpUri().toString());
        env.put("MONORAIL_REPLAY_MESSAGES", String.valueOf(REPLAY_MESSAGES));
        env.put("MONORAIL_JWT_URL", secured.webSocketUri().toString());
        env.put("MONORAIL_JWT_SECRET", JWT_SECRET);
        env.put("MONORAIL_JWT_CLOCK_SKEW_SECONDS", "0");
        env.put("MONORAIL_JS_REQUIRE_ALL", "true"); // no test may skip itself here

        Process node = builder.start();
        StringBuilder output = new StringBuilder();
        Thread reader =
                new Thread(
                        () -> {
                            try (BufferedReader lines =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    node.getInputStream(),
                                                    StandardCharsets.UTF_8))) {
                                String line;
                                while ((line = lines.readLine()) != null) {
                                    System.out.println("[node] " + line);
                                    synchronized (output) {
                                        output.append(line).append('\n');
                                    }
                                }
                            } catch (IOException e) {
                                System.out.println("[node] output unreadable: " + e);
                            }
                        },
                        "node-output");
        reader.start();
        if (!node.waitFor(NODE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            node.destroyForcibly();
            reader.join(5000);
            fail("node --test did not finish within " + NODE_TIMEOUT + ":\n" + text(output));
        }
        reader.join(5000);
        String log = text(output);
        if (node.exitValue() != 0) {
            fail("node --test exited with " + node.exitValue() + ":\n" + log);
        }
        Matcher passed = Pattern.compile("(?m)^# pass (\\d+)$").matcher(log);
        assertThat(passed.find()).as("a TAP summary in:\n%s", log).isTrue();
        assertThat(Integer.parseInt(passed.group(1))).as("tests passed").isPositive();
        assertThat(log).as("nothing skipped").containsPattern("(?m)^# skipped 0$");
    }

    private List<String> testFiles() throws IOException {
        try (Stream<Path> files = Files.list(web.resolve("test"))) {
            List<String> found =
                    files.map(path -> "test/" + path.getFileName())
                            .filter(name -> name.endsWith(".test.mjs"))
                            .sorted()
                            .toList();
            assertThat(found).as("test files in %s", web.resolve("test")).isNotEmpty();
            return found;
        }
    }

    private static String text(StringBuilder output) {
        synchronized (output) {
            return output.toString();
        }
    }

    /** Node's major version; skips (or fails, when required) without Node 20 or later. */
    static int nodeMajorVersion() {
        boolean required = Boolean.parseBoolean(System.getenv("MONORAIL_IT_REQUIRE_NODE"));
        String version = "";
        try {
            Process probe =
                    new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            version =
                    new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                            .trim();
            probe.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            version = "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Matcher matcher = NODE_VERSION.matcher(version);
        int major = matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
        boolean usable = major >= 20;
        String why =
                major == 0
                        ? "no node on the PATH"
                        : "node " + version + " is older than 20 (no WebSocket)";
        if (!usable && required) {
            throw new AssertionError("MONORAIL_IT_REQUIRE_NODE=true but " + why);
        }
        assumeTrue(usable, "SKIPPED: " + why + "; the JavaScript client's tests need Node 20+");
        return major;
    }
}

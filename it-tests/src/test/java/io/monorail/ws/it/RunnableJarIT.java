package io.monorail.ws.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.monorail.ws.protocol.Message;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's run command on a bare machine: the fat jar starts the embedded default, prints where
 * it listens, and answers {@code init}; a port already taken is a clear message and a non-zero
 * exit.
 */
class RunnableJarIT {
    private static final Pattern LISTENING = Pattern.compile("listening on (ws://\\S+)");

    @Test
    void jarWithNoSettings_startsTheEmbeddedDefault_andAnswersInit() throws Exception {
        Process gateway = start(0);
        try {
            List<String> banner = new ArrayList<>();
            URI uri = awaitListening(gateway, banner);
            try (WsTestClient client = WsTestClient.connect(uri)) {
                Message session = client.request("{\"handler\":\"init\"}");
                assertThat(session.handler()).isEqualTo("session");
            }
            assertThat(String.join("\n", banner)).contains("embedded AMQP", "embedded MongoDB");
        } finally {
            gateway.destroy();
            assertThat(gateway.waitFor(20, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        }
    }

    @Test
    void jarWithDemo_showsNodesAndWorkflowsWithinSeconds() throws Exception {
        Process gateway = start(0, "--demo");
        try {
            URI uri = awaitListening(gateway, new ArrayList<>());
            try (WsTestClient client = WsTestClient.connect(uri.resolve("/nodes"))) {
                client.send("{\"handler\":\"watch\"}");
                client.send("{\"handler\":\"watch\",\"type\":\"workflows\"}");

                Message node = client.next();
                assertThat(node.handler()).isEqualTo("item");
                assertThat(node.type()).isIn("nodes", "workflows");
                Message list =
                        client.request(
                                "{\"handler\":\"query\",\"type\":\"catalogs\",\"params\":{}}");
                while (!list.handler().equals("list")) {
                    list = client.next(); // watch events may come first
                }
            }
        } finally {
            gateway.destroy();
            assertThat(gateway.waitFor(20, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        }
    }

    @Test
    void portAlreadyTaken_isAClearMessageAndANonZeroExit() throws Exception {
        try (ServerSocket taken =
                new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Process gateway = start(taken.getLocalPort());
            CompletableFuture<String> output = readAll(gateway);

            assertThat(gateway.waitFor(60, TimeUnit.SECONDS)).as("exits").isTrue();
            assertThat(gateway.exitValue()).isNotZero();
            assertThat(output.get(10, TimeUnit.SECONDS))
                    .contains("port " + taken.getLocalPort())
                    .contains("already in use");
        }
    }

    private static Process start(int port, String... arguments) throws Exception {
        Path jar = Path.of(System.getProperty("monorail.jar", "../app/target/monorail-ws.jar"));
        assertThat(jar).as("the fat jar (built by the app module)").exists();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("MONORAIL_"));
        builder.environment().put("MONORAIL_PORT", Integer.toString(port));
        builder.environment().put("MONORAIL_EMBEDDED_AMQP_PORT", "0");
        builder.environment().put("MONORAIL_EMBEDDED_MONGO_PORT", "0");
        return builder.start();
    }

    /** Reads the process output until the whole banner (URI, then the servers) is out. */
    private static URI awaitListening(Process process, List<String> banner) throws Exception {
        CompletableFuture<URI> uri = new CompletableFuture<>();
        Thread reader =
                new Thread(
                        () -> {
                            try (BufferedReader lines =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    process.getInputStream(),
                                                    StandardCharsets.UTF_8))) {
                                String line;
                                URI found = null;
                                while ((line = lines.readLine()) != null) {
                                    synchronized (banner) {
                                        banner.add(line);
                                    }
                                    Matcher matcher = LISTENING.matcher(line);
                                    if (matcher.find()) {
                                        found = URI.create(matcher.group(1));
                                    }
                                    if (found != null && line.startsWith("document store")) {
                                        uri.complete(found);
                                    }
                                }
                                uri.completeExceptionally(
                                        new AssertionError("exited without listening: " + banner));
                            } catch (Exception e) {
                                uri.completeExceptionally(e);
                            }
                        });
        reader.setDaemon(true);
        reader.start();
        return uri.get(90, TimeUnit.SECONDS);
    }

    private static CompletableFuture<String> readAll(Process process) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return new String(
                                process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
    }
}

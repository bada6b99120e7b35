package io.monorail.ws.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The gateway as its own process, from the fat jar the app module builds, as an operator runs it:
 * started with {@code MONORAIL_*} variables, stopped with SIGTERM (graceful) or SIGKILL. Its output
 * goes to {@code target/gateway-<name>.log}.
 */
final class GatewayProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Map<String, String> settings;
    private Process process;

    private GatewayProcess(String name, int port, Map<String, String> settings) {
        this.name = name;
        this.port = port;
        this.settings = settings;
    }

    /**
     * Starts a gateway named {@code name} on a free port and waits until {@code /health} says it is
     * up.
     *
     * @param settings without the {@code MONORAIL_} prefix, e.g. {@code CLUSTER=streams}
     */
    static GatewayProcess start(String name, Map<String, String> settings) throws Exception {
        GatewayProcess gateway = new GatewayProcess(name, freePort(), settings);
        gateway.launch();
        return gateway;
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + port + "/");
    }

    String name() {
        return name;
    }

    /** Starts it again, on the same port, after a stop or a kill. */
    void restart() throws Exception {
        assertThat(process.isAlive()).as("%s is stopped before it restarts", name).isFalse();
        launch();
    }

    /** SIGTERM: the gateway closes its clients with 1012 and stops. */
    void stop() throws Exception {
        process.destroy();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s stopped", name).isTrue();
    }

    /** SIGKILL: nothing is closed, nothing is written. */
    void kill() throws Exception {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s killed", name).isTrue();
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    private void launch() throws Exception {
        Path jar = Path.of(System.getProperty("monorail.jar", "../app/target/monorail-ws.jar"));
        assertThat(jar).as("the fat jar (built by the app module)").exists();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-jar");
        command.add(jar.toString());
        Path log = Path.of("target", "gateway-" + name + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(variable -> variable.startsWith("MONORAIL_"));
        builder.environment().put("MONORAIL_PORT", Integer.toString(port));
        builder.environment().put("MONORAIL_EMBEDDED_AMQP_PORT", "0");
        builder.environment().put("MONORAIL_EMBEDDED_MONGO_PORT", "0");
        settings.forEach((key, value) -> builder.environment().put("MONORAIL_" + key, value));
        process = builder.start();
        awaitHealthy(log);
    }

    private void awaitHealthy(Path log) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        HttpRequest request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .timeout(Duration.ofSeconds(2))
                        .build();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive())
                    .as("%s exited while starting; see %s", name, log.toAbsolutePath())
                    .isTrue();
            try {
                HttpResponse<String> health =
                        HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.onSpinWait();
            TimeUnit.MILLISECONDS.sleep(100); // polling an external process; no event to wait on
        }
        throw new AssertionError(name + " not healthy within " + START_TIMEOUT + "; see " + log);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

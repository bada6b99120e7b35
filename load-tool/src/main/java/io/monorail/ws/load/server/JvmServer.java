package io.monorail.ws.load.server;

import io.monorail.ws.load.client.BareDialect;
import io.monorail.ws.load.client.Dialect;
import io.monorail.ws.load.client.MonorailDialect;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A JVM server this tool started as its own process (the gateway's jar, or the bare server from
 * this tool's jar), writing a GC log, with its output in a log file.
 */
public final class JvmServer implements ServerUnderTest {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final ServerKind kind;
    private final Process process;
    private final int port;
    private final Path gcLog;
    private final Path output;

    private JvmServer(ServerKind kind, Process process, int port, Path gcLog, Path output) {
        this.kind = kind;
        this.process = process;
        this.port = port;
        this.gcLog = gcLog;
        this.output = output;
    }

    /**
     * Starts {@code command} (after the java executable, JVM options and GC logging) with {@code
     * env} added, and waits until {@code GET /health} on {@code port} answers 200.
     */
    static JvmServer start(
            ServerKind kind,
            List<String> jvmOptions,
            List<String> command,
            Map<String, String> env,
            int port,
            Path workDir,
            String name)
            throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path gcLog = workDir.resolve(name + "-gc.log");
        Path output = workDir.resolve(name + ".log");
        Files.deleteIfExists(gcLog);
        List<String> full = new java.util.ArrayList<>();
        full.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        full.addAll(jvmOptions);
        full.add(GcLog.jvmOption(gcLog));
        full.addAll(command);
        ProcessBuilder builder =
                new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        JvmServer server = new JvmServer(kind, process, port, gcLog, output);
        // a load tool stopped with Ctrl-C must not leave its servers running
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        try {
            server.awaitHealthy();
        } catch (IOException | RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .timeout(Duration.ofSeconds(2))
                        .build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        kind.title()
                                + " exited with "
                                + process.exitValue()
                                + "; its output:\n"
                                + tail());
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100); // polling a process we do not control
        }
        throw new IllegalStateException(
                kind.title() + " not healthy after " + START_TIMEOUT + "; its output:\n" + tail());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** Its port. */
    public int port() {
        return port;
    }

    @Override
    public ServerKind kind() {
        return kind;
    }

    @Override
    public Dialect dialect(String exchange, String pattern) {
        return kind == ServerKind.MONORAIL
                ? new MonorailDialect(URI.create("ws://127.0.0.1:" + port + "/"), exchange, pattern)
                : new BareDialect("127.0.0.1", port, pattern);
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public boolean isJvm() {
        return true;
    }

    @Override
    public Optional<Path> gcLog() {
        return Optional.of(gcLog);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

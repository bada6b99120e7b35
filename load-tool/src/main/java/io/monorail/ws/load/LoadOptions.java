package io.monorail.ws.load;

import io.monorail.ws.load.scenario.LoadSettings;
import io.monorail.ws.load.server.Launcher;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options shared by {@code run} and {@code compare}. */
final class LoadOptions {
    @Option(
            names = "--clients",
            defaultValue = "1000",
            description = "WebSocket clients, one subscription each (${DEFAULT-VALUE})")
    int clients;

    @Option(
            names = "--events",
            defaultValue = "20000",
            description = "events of the flood, published at full speed (${DEFAULT-VALUE})")
    long events;

    @Option(
            names = "--warmup-events",
            defaultValue = "200",
            description = "events sent and awaited before measuring (${DEFAULT-VALUE})")
    long warmupEvents;

    @Option(
            names = "--rate",
            defaultValue = "10",
            description = "events/s of the paced run, each to every client (${DEFAULT-VALUE})")
    double rate;

    @Option(
            names = "--seconds",
            defaultValue = "20",
            description = "length of the paced run (${DEFAULT-VALUE})")
    double seconds;

    @Option(
            names = "--body-bytes",
            defaultValue = "256",
            description = "size of each event body (${DEFAULT-VALUE})")
    int bodyBytes;

    @Option(
            names = "--amqp-uri",
            defaultValue = "amqp://guest:guest@127.0.0.1:5672",
            description = "RabbitMQ for publisher and servers (${DEFAULT-VALUE})")
    String amqpUri;

    @Option(
            names = "--exchange",
            defaultValue = "on.events",
            description = "topic exchange (${DEFAULT-VALUE})")
    String exchange;

    @Option(
            names = "--connect-concurrency",
            defaultValue = "256",
            description = "handshakes in flight while subscribing (${DEFAULT-VALUE})")
    int connectConcurrency;

    @Option(
            names = "--stall-seconds",
            defaultValue = "15",
            description =
                    "give up waiting for deliveries after this long without one (${DEFAULT-VALUE})")
    int stallSeconds;

    @Option(
            names = "--subscribe-timeout-seconds",
            defaultValue = "600",
            description = "limit for subscribing all clients (${DEFAULT-VALUE})")
    int subscribeTimeoutSeconds;

    @Option(
            names = "--confirm-batch",
            defaultValue = "500",
            description =
                    "flood: wait for publisher confirms every this many events (${DEFAULT-VALUE})")
    int confirmBatch;

    @Option(
            names = "--monorail-jar",
            defaultValue = "app/target/monorail-ws.jar",
            description = "the gateway's runnable jar (${DEFAULT-VALUE})")
    Path monorailJar;

    @Option(
            names = "--stomp-url",
            defaultValue = "ws://127.0.0.1:15674/ws",
            description = "RabbitMQ Web-STOMP endpoint (${DEFAULT-VALUE})")
    URI stompUrl;

    @Option(
            names = "--stomp-pid",
            defaultValue = "0",
            description = "RabbitMQ's pid (default: the beam.smp running rabbit)")
    long stompPid;

    @Option(
            names = "--server-jvm-opts",
            defaultValue = "",
            description = "extra JVM options for servers this tool starts, space-separated")
    String serverJvmOpts;

    @Option(
            names = "--work-dir",
            description =
                    "server logs, GC logs, results (default: a new directory under java.io.tmpdir)")
    Path workDir;

    @Option(
            names = "--json",
            description = "where to write the raw figures (default: <work-dir>/results.json)")
    Path json;

    LoadSettings settings(boolean memory, boolean flood, boolean paced) {
        return new LoadSettings(
                clients,
                events,
                warmupEvents,
                rate,
                Duration.ofMillis(Math.round(seconds * 1000)),
                bodyBytes,
                exchange,
                connectConcurrency,
                Duration.ofSeconds(stallSeconds),
                Duration.ofSeconds(subscribeTimeoutSeconds),
                confirmBatch,
                memory,
                flood,
                paced,
                0);
    }

    Path workDir() {
        if (workDir == null) {
            workDir =
                    Path.of(
                            System.getProperty("java.io.tmpdir"),
                            "monorail-load-"
                                    + LocalDateTime.now()
                                            .format(
                                                    DateTimeFormatter.ofPattern(
                                                            "yyyyMMdd-HHmmss")));
        }
        return workDir;
    }

    Path json() {
        return json != null ? json : workDir().resolve("results.json");
    }

    Launcher launcher() {
        List<String> jvm =
                serverJvmOpts.isBlank()
                        ? List.of()
                        : Arrays.asList(serverJvmOpts.trim().split("\\s+"));
        return new Launcher(monorailJar, amqpUri, jvm, workDir(), stompUrl, stompPid);
    }

    /** The settings as plain values, for the results file. */
    Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clients", clients);
        out.put("floodEvents", events);
        out.put("warmupEvents", warmupEvents);
        out.put("pacedRate", rate);
        out.put("pacedSeconds", seconds);
        out.put("bodyBytes", bodyBytes);
        out.put("exchange", exchange);
        out.put("confirmBatch", confirmBatch);
        out.put("serverJvmOpts", serverJvmOpts);
        out.put("monorailEnv", Launcher.MONORAIL_ENV);
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("java", System.getProperty("java.vm.version"));
        out.put("date", LocalDateTime.now().toString());
        return out;
    }
}

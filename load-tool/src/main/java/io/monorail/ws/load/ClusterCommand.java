package io.monorail.ws.load;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.monorail.ws.load.report.ResultsFile;
import io.monorail.ws.load.report.Stats;
import io.monorail.ws.load.scenario.LoadRun;
import io.monorail.ws.load.scenario.LoadSettings;
import io.monorail.ws.load.scenario.ResumeProbe;
import io.monorail.ws.load.scenario.ServerRun;
import io.monorail.ws.load.server.Launcher;
import io.monorail.ws.load.server.ServerKind;
import io.monorail.ws.load.server.ServerUnderTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cluster}: what cluster mode ({@code MONORAIL_CLUSTER=streams}, ADR 13) costs against one
 * instance. Fresh gateways alternated, one instance and one cluster instance on streams of its own:
 * the flood's throughput, the gateway's and RabbitMQ's CPU per delivery, the paced run's latency.
 * Then resume times: on the same instance, and taken over by another instance of a cluster.
 */
@Command(
        name = "cluster",
        mixinStandardHelpOptions = true,
        description =
                "Cluster mode against one instance: fan-out figures of fresh gateways alternated,"
                        + " and resume times on the same and on another instance; prints a table.")
final class ClusterCommand implements Callable<Integer> {
    @Mixin LoadOptions options;

    @Option(
            names = "--repeats",
            defaultValue = "2",
            description = "pairs of fan-out runs (${DEFAULT-VALUE})")
    int repeats;

    @Option(
            names = "--resumes",
            defaultValue = "10",
            description = "resumes measured each way (${DEFAULT-VALUE})")
    int resumes;

    @Option(
            names = "--missed",
            defaultValue = "1000",
            description = "messages missed by each resuming client (${DEFAULT-VALUE})")
    int missed;

    private final List<String> streams = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Launcher launcher = options.launcher();
        launcher.check(ServerKind.MONORAIL);
        Files.createDirectories(options.workDir());
        System.out.println("work dir: " + options.workDir());
        LoadSettings settings = options.settings(false, true, true);
        List<ServerRun> single = new ArrayList<>();
        List<ServerRun> cluster = new ArrayList<>();
        try {
            for (int repeat = 1; repeat <= repeats; repeat++) {
                // Alternate which goes first, so a machine that gets busier does not favour one.
                boolean singleFirst = repeat % 2 == 1;
                System.out.printf(Locale.ROOT, "repeat %d/%d%n", repeat, repeats);
                for (boolean clustered :
                        singleFirst ? new boolean[] {false, true} : new boolean[] {true, false}) {
                    try (ServerUnderTest server =
                            launcher.start(ServerKind.MONORAIL, mode(clustered))) {
                        ServerRun run =
                                new LoadRun(settings, options.amqpUri, System.out)
                                        .run(server, repeat);
                        (clustered ? cluster : single).add(run);
                    }
                }
            }
            List<Double> sameInstance = resumeTimes(launcher, false);
            List<Double> otherInstance = resumeTimes(launcher, true);
            String table = table(single, cluster, sameInstance, otherInstance);
            System.out.println();
            System.out.print(table);
            Files.writeString(
                    options.workDir().resolve("cluster.md"), table, StandardCharsets.UTF_8);
            Map<String, Object> file = new LinkedHashMap<>();
            Map<String, Object> described = options.describe();
            described.put("repeats", repeats);
            described.put("resumes", resumes);
            described.put("missed", missed);
            file.put("settings", described);
            file.put("single", single);
            file.put("cluster", cluster);
            file.put("resumeMillisSameInstance", sameInstance);
            file.put("resumeMillisOtherInstance", otherInstance);
            file.put("table", table);
            ResultsFile.write(options.json(), file);
            System.out.println("\nraw figures: " + options.json());
            return 0;
        } finally {
            deleteStreams();
        }
    }

    /** One instance (its own queue), or a cluster instance on streams of this run. */
    private Map<String, String> mode(boolean clustered) {
        if (!clustered) {
            return Map.of();
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        streams.add("load.events." + run);
        streams.add("load.sessions." + run);
        return Map.of(
                "MONORAIL_CLUSTER", "streams",
                "MONORAIL_CLUSTER_EVENT_STREAM", "load.events." + run,
                "MONORAIL_CLUSTER_SESSION_STREAM", "load.sessions." + run);
    }

    private List<Double> resumeTimes(Launcher launcher, boolean otherInstance) throws Exception {
        ResumeProbe probe = new ResumeProbe(options.amqpUri, options.exchange, options.bodyBytes);
        Map<String, String> mode = mode(otherInstance);
        List<Double> times = new ArrayList<>();
        try (ServerUnderTest first = launcher.start(ServerKind.MONORAIL, mode);
                ServerUnderTest second =
                        otherInstance ? launcher.start(ServerKind.MONORAIL, mode) : null) {
            URI from = uri(first);
            URI to = second == null ? from : uri(second);
            for (int i = 0; i <= resumes; i++) {
                String key = String.format(Locale.ROOT, "resume.%08x", i + System.nanoTime());
                double millis = probe.resumeMillis(from, to, key, missed);
                if (i > 0) { // the first warms up
                    times.add(millis);
                }
                System.out.printf(
                        Locale.ROOT,
                        "  resume %s: %.1f ms for %,d missed messages%n",
                        otherInstance ? "on another instance" : "on the same instance",
                        millis,
                        missed);
            }
        }
        return times;
    }

    private URI uri(ServerUnderTest server) {
        return server.dialect(options.exchange, "#").uri();
    }

    private String table(
            List<ServerRun> single,
            List<ServerRun> cluster,
            List<Double> sameInstance,
            List<Double> otherInstance) {
        StringBuilder out = new StringBuilder();
        out.append(
                String.format(
                        Locale.ROOT,
                        "| median of %d [min-max]; %,d clients, %,d events flood, %.0f events/s"
                                + " paced | one instance | cluster mode | cluster / one |%n"
                                + "|---|---|---|---|%n",
                        repeats,
                        options.clients,
                        options.events,
                        options.rate));
        row(
                out,
                "flood: delivered/s",
                single,
                cluster,
                r -> r.flood().delivery().deliveredPerSecond(),
                "%,.0f");
        row(
                out,
                "flood: gateway CPU per delivery (us)",
                single,
                cluster,
                r -> r.flood().serverCpuPerDeliveryMicros(),
                "%.2f");
        row(
                out,
                "flood: RabbitMQ CPU per delivery (us)",
                single,
                cluster,
                r -> r.flood().brokerCpuPerDeliveryMicros(),
                "%.2f");
        row(
                out,
                "paced: p99 latency (ms)",
                single,
                cluster,
                r -> r.paced().delivery().p99Millis(),
                "%.1f");
        Stats same = Stats.of(sameInstance);
        Stats other = Stats.of(otherInstance);
        out.append(
                String.format(
                        Locale.ROOT,
                        "| resume with %,d missed messages (ms; same instance / another instance,"
                                + " %d each) | %.1f [%.1f-%.1f] | %.1f [%.1f-%.1f] | %.2fx |%n",
                        missed,
                        resumes,
                        same.median(),
                        same.min(),
                        same.max(),
                        other.median(),
                        other.min(),
                        other.max(),
                        other.median() / same.median()));
        return out.toString();
    }

    private static void row(
            StringBuilder out,
            String name,
            List<ServerRun> single,
            List<ServerRun> cluster,
            ToDoubleFunction<ServerRun> measure,
            String format) {
        Stats one = Stats.of(single.stream().mapToDouble(measure).boxed().toList());
        Stats many = Stats.of(cluster.stream().mapToDouble(measure).boxed().toList());
        out.append("| ")
                .append(name)
                .append(" | ")
                .append(cell(one, format))
                .append(" | ")
                .append(cell(many, format))
                .append(" | ")
                .append(String.format(Locale.ROOT, "%.2fx", many.median() / one.median()))
                .append(" |\n");
    }

    private static String cell(Stats stats, String format) {
        return String.format(Locale.ROOT, format, stats.median())
                + " ["
                + String.format(Locale.ROOT, format, stats.min())
                + "-"
                + String.format(Locale.ROOT, format, stats.max())
                + "]";
    }

    private void deleteStreams() {
        if (streams.isEmpty()) {
            return;
        }
        try {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(options.amqpUri);
            try (Connection connection = factory.newConnection("monorail-load (cleanup)");
                    Channel channel = connection.createChannel()) {
                for (String stream : streams) {
                    channel.queueDelete(stream);
                }
            }
        } catch (Exception e) {
            System.out.println("could not delete the streams " + streams + ": " + e);
        }
    }
}

package io.monorail.ws.load;

import io.monorail.ws.load.report.DetachedCost;
import io.monorail.ws.load.report.ResultsFile;
import io.monorail.ws.load.report.Stats;
import io.monorail.ws.load.scenario.LoadRun;
import io.monorail.ws.load.scenario.LoadSettings;
import io.monorail.ws.load.scenario.PhaseMeasure;
import io.monorail.ws.load.server.Launcher;
import io.monorail.ws.load.server.ServerKind;
import io.monorail.ws.load.server.ServerUnderTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code detached}: what sessions waiting for a resume cost the gateway per event. Fresh gateways,
 * alternated: the same flood to the same watching clients, once alone and once with {@code
 * --detached} sessions left behind by clients that vanished (as after a load balancer restart). The
 * difference in server CPU, per missed message, against the CPU of one delivery to a connected
 * client.
 */
@Command(
        name = "detached",
        mixinStandardHelpOptions = true,
        description =
                "The gateway's CPU per event for sessions awaiting a resume, against one delivery"
                        + " to a connected client; fresh gateways alternated; prints a table.")
final class DetachedCommand implements Callable<Integer> {
    @Mixin LoadOptions options;

    @Option(
            names = "--detached",
            defaultValue = "1000",
            description =
                    "sessions left awaiting a resume (${DEFAULT-VALUE}; the gateway this tool starts"
                            + " keeps up to 1,000,000 of them)")
    int detached;

    @Option(
            names = "--repeats",
            defaultValue = "3",
            description = "pairs of runs (${DEFAULT-VALUE})")
    int repeats;

    @Override
    public Integer call() throws Exception {
        Launcher launcher = options.launcher();
        launcher.check(ServerKind.MONORAIL);
        Files.createDirectories(options.workDir());
        System.out.println("work dir: " + options.workDir());
        LoadSettings alone = options.settings(false, true, false);
        LoadSettings beside = alone.withDetached(detached);
        List<Double> attachedCpu = new ArrayList<>();
        List<Double> withDetachedCpu = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int repeat = 1; repeat <= repeats; repeat++) {
            // Alternate which goes first, so a machine that gets busier does not favour one.
            boolean aloneFirst = repeat % 2 == 1;
            System.out.printf(Locale.ROOT, "repeat %d/%d%n", repeat, repeats);
            double first = floodCpu(launcher, aloneFirst ? alone : beside, repeat);
            double second = floodCpu(launcher, aloneFirst ? beside : alone, repeat);
            double attached = aloneFirst ? first : second;
            double withDetached = aloneFirst ? second : first;
            attachedCpu.add(attached);
            withDetachedCpu.add(withDetached);
            ratios.add(
                    DetachedCost.shareOfADelivery(
                            attached, withDetached, options.clients, detached));
        }
        String table = table(attachedCpu, withDetachedCpu, ratios);
        System.out.println();
        System.out.print(table);
        Files.writeString(options.workDir().resolve("detached.md"), table, StandardCharsets.UTF_8);
        Map<String, Object> file = new LinkedHashMap<>();
        Map<String, Object> settings = options.describe();
        settings.put("detached", detached);
        settings.put("repeats", repeats);
        file.put("settings", settings);
        file.put("attachedCpuPerDeliveryMicros", attachedCpu);
        file.put("withDetachedCpuPerDeliveryMicros", withDetachedCpu);
        file.put("detachedToAttachedRatio", ratios);
        file.put("table", table);
        ResultsFile.write(options.json(), file);
        System.out.println("\nraw figures: " + options.json());
        return 0;
    }

    private double floodCpu(Launcher launcher, LoadSettings settings, int repeat) throws Exception {
        try (ServerUnderTest server = launcher.start(ServerKind.MONORAIL)) {
            PhaseMeasure flood =
                    new LoadRun(settings, options.amqpUri, System.out).run(server, repeat).flood();
            if (flood == null || !flood.complete() || flood.delivery().lost() > 0) {
                throw new IllegalStateException(
                        "the flood did not complete without loss; see the log above");
            }
            return flood.serverCpuPerDeliveryMicros();
        }
    }

    private String table(List<Double> attached, List<Double> withDetached, List<Double> ratios) {
        StringBuilder out = new StringBuilder();
        out.append(
                String.format(
                        Locale.ROOT,
                        "| measure (median of %d [min-max]), %,d watching clients, %,d events |"
                                + " value |%n|---|---|%n",
                        repeats,
                        options.clients,
                        options.events));
        row(out, "server CPU per delivery, no detached sessions (us)", Stats.of(attached), "%.2f");
        row(
                out,
                String.format(
                        Locale.ROOT,
                        "server CPU per delivery, %,d sessions detached beside them (us)",
                        detached),
                Stats.of(withDetached),
                "%.2f");
        row(
                out,
                "cost of one missed message to a detached session, as a share of one delivery",
                Stats.of(ratios),
                "%.3f");
        return out.toString();
    }

    private static void row(StringBuilder out, String name, Stats stats, String format) {
        out.append("| ")
                .append(name)
                .append(" | ")
                .append(String.format(Locale.ROOT, format, stats.median()))
                .append(" [")
                .append(String.format(Locale.ROOT, format, stats.min()))
                .append(" - ")
                .append(String.format(Locale.ROOT, format, stats.max()))
                .append("] |\n");
    }
}

package io.monorail.ws.load;

import io.monorail.ws.load.report.ComparisonTable;
import io.monorail.ws.load.report.ResultsFile;
import io.monorail.ws.load.scenario.LoadRun;
import io.monorail.ws.load.scenario.LoadSettings;
import io.monorail.ws.load.scenario.ServerRun;
import io.monorail.ws.load.server.Launcher;
import io.monorail.ws.load.server.ServerKind;
import io.monorail.ws.load.server.ServerUnderTest;
import io.monorail.ws.load.server.UserError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code compare}: every server, alternated, repeated; prints the markdown table and writes the raw
 * figures.
 */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description =
                "Web-STOMP, the bare server (each write mode) and the gateway, alternated in one"
                        + " run: subscribe, memory, flood, paced; prints a markdown table.")
final class CompareCommand implements Callable<Integer> {
    @Mixin LoadOptions options;

    @Option(
            names = "--repeats",
            defaultValue = "2",
            description = "rounds over all servers (${DEFAULT-VALUE})")
    int repeats;

    @Option(
            names = "--servers",
            split = ",",
            defaultValue = "stomp,bare-each,bare-batched,monorail",
            description = "columns, in order (${DEFAULT-VALUE})")
    List<String> servers;

    @Option(
            names = "--idle-clients",
            defaultValue = "0",
            description =
                    "idle watchers for the memory and subscribe measures, on a fresh server of their own (0: the --clients of the load run)")
    int idleClients;

    @Override
    public Integer call() throws Exception {
        List<ServerKind> kinds = servers.stream().map(ServerKind::of).toList();
        Launcher launcher = options.launcher();
        kinds.forEach(launcher::check);
        // Memory and subscribe time on a fresh server of their own: a full GC shrinks the heap,
        // which would change the GC behaviour of a flood that followed on the same server.
        LoadSettings load = options.settings(false, true, true);
        LoadSettings idle = load.idleOnly(idleClients > 0 ? idleClients : options.clients);
        Files.createDirectories(options.workDir());
        System.out.println("work dir: " + options.workDir());
        List<ServerRun> runs = new ArrayList<>();
        for (int repeat = 1; repeat <= repeats; repeat++) {
            for (ServerKind kind : kinds) {
                System.out.printf("repeat %d/%d, %s%n", repeat, repeats, kind.title());
                ServerRun idleRun = measure(launcher, kind, idle, repeat);
                ServerRun run = measure(launcher, kind, load, repeat);
                runs.add(
                        new ServerRun(
                                run.server(),
                                repeat,
                                run.clients(),
                                idleRun.subscribeSeconds(),
                                idleRun.subscribeServerCpuSeconds(),
                                idleRun.memory(),
                                idleRun.erlangMemory(),
                                run.flood(),
                                run.paced(),
                                run.unexpectedCloses() + idleRun.unexpectedCloses(),
                                run.closeReasons(),
                                run.serverRssBytes(),
                                run.error() != null ? run.error() : idleRun.error()));
            }
        }
        String table = ComparisonTable.markdown(runs, kinds, load, idle.clients());
        System.out.println();
        System.out.print(table);
        Files.writeString(options.workDir().resolve("table.md"), table, StandardCharsets.UTF_8);
        Map<String, Object> file = new LinkedHashMap<>();
        Map<String, Object> settings = options.describe();
        settings.put("repeats", repeats);
        settings.put("idleClients", idle.clients());
        file.put("settings", settings);
        file.put("runs", runs);
        file.put("table", table);
        ResultsFile.write(options.json(), file);
        System.out.println("\nraw figures: " + options.json());
        return 0;
    }

    private ServerRun measure(Launcher launcher, ServerKind kind, LoadSettings settings, int repeat)
            throws Exception {
        try (ServerUnderTest server = launcher.start(kind)) {
            return new LoadRun(settings, options.amqpUri, System.out).run(server, repeat);
        } catch (UserError e) {
            throw e;
        } catch (Exception e) {
            System.out.println("  " + kind.key() + " failed: " + e + " (stack in errors.log)");
            try (java.io.PrintStream errors =
                    new java.io.PrintStream(
                            new java.io.FileOutputStream(
                                    options.workDir().resolve("errors.log").toFile(), true),
                            true,
                            StandardCharsets.UTF_8)) {
                errors.println(kind.key() + ", repeat " + repeat + ":");
                e.printStackTrace(errors);
            }
            return new ServerRun(
                    kind.key(),
                    repeat,
                    settings.clients(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    0,
                    Map.of(),
                    null,
                    e.toString());
        }
    }
}

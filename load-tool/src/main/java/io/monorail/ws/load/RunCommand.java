package io.monorail.ws.load;

import io.monorail.ws.load.report.ResultsFile;
import io.monorail.ws.load.scenario.LoadRun;
import io.monorail.ws.load.scenario.LoadSettings;
import io.monorail.ws.load.scenario.ServerRun;
import io.monorail.ws.load.server.AttachedServer;
import io.monorail.ws.load.server.Launcher;
import io.monorail.ws.load.server.ServerKind;
import io.monorail.ws.load.server.ServerUnderTest;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code run}: one server, chosen scenarios, once. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Measure one server: idle (subscribe time, memory), flood, paced.")
final class RunCommand implements Callable<Integer> {
    enum Scenario {
        idle,
        flood,
        paced
    }

    @Mixin LoadOptions options;

    @Option(
            names = "--server",
            required = true,
            description = "stomp, bare-each, bare-batched or monorail")
    String server;

    @Option(
            names = "--scenario",
            split = ",",
            defaultValue = "idle,flood,paced",
            description = "which measures, comma-separated (${DEFAULT-VALUE})")
    Set<Scenario> scenarios = EnumSet.allOf(Scenario.class);

    @Option(
            names = "--attach-url",
            description =
                    "measure a running monorail/bare server at this ws:// URL instead of starting one (with --attach-pid)")
    URI attachUrl;

    @Option(names = "--attach-pid", defaultValue = "0", description = "pid of that server")
    long attachPid;

    @Option(
            names = "--detached",
            defaultValue = "0",
            description =
                    "gateway only: sessions left awaiting a resume beside the clients before the flood (${DEFAULT-VALUE})")
    int detached;

    @Override
    public Integer call() throws Exception {
        ServerKind kind = ServerKind.of(server);
        boolean idle = scenarios.contains(Scenario.idle);
        boolean flood = scenarios.contains(Scenario.flood);
        boolean paced = scenarios.contains(Scenario.paced);
        List<ServerRun> results = new ArrayList<>();
        if (attachUrl != null) {
            if (attachPid <= 0) {
                throw new IllegalArgumentException("--attach-url needs --attach-pid");
            }
            try (ServerUnderTest target = new AttachedServer(kind, attachUrl, attachPid)) {
                results.add(
                        run(options.settings(idle, flood, paced).withDetached(detached), target));
            }
        } else {
            Launcher launcher = options.launcher();
            launcher.check(kind);
            if (flood || paced) {
                try (ServerUnderTest target = launcher.start(kind)) {
                    results.add(
                            run(
                                    options.settings(false, flood, paced).withDetached(detached),
                                    target));
                }
            }
            if (idle) {
                // on a fresh server of its own: a full GC changes how the heap behaves afterwards
                try (ServerUnderTest target = launcher.start(kind)) {
                    results.add(run(options.settings(true, false, false), target));
                }
            }
        }
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("settings", options.describe());
        file.put("runs", results);
        ResultsFile.write(options.json(), file);
        System.out.println("raw figures: " + options.json());
        return 0;
    }

    private ServerRun run(LoadSettings settings, ServerUnderTest target) throws Exception {
        return new LoadRun(settings, options.amqpUri, System.out).run(target, 1);
    }
}

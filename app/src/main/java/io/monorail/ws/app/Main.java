package io.monorail.ws.app;

import io.monorail.ws.app.demo.DemoActivity;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Command line entry point: {@code java -jar monorail-ws.jar [--config FILE]}. */
@Command(
        name = "monorail-ws",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "Real-time WebSocket gateway for RackHD / MonoRail.",
            "Settings come from MONORAIL_* environment variables and an optional file;"
                    + " with no MONORAIL_AMQP_URI an embedded broker is started on loopback."
        })
public final class Main implements Callable<Integer> {
    /** Exit status for settings that cannot work (bad value, port taken). */
    static final int EXIT_CONFIG = 2;

    private static final Duration DEMO_TICK = Duration.ofMillis(1500);

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "YAML or JSON settings file (names as the MONORAIL_* variables, lower case, no prefix).")
    Path config;

    @Option(
            names = "--demo",
            description =
                    "Write RackHD-like activity (nodes, catalogs, workflows, logs) into the embedded servers, continuously.")
    boolean demo;

    public static void main(String[] args) {
        CommandLine command = new CommandLine(new Main());
        command.getCommandSpec().usageMessage().footer(settingsHelp());
        int status = command.execute(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        GatewayApplication application;
        DemoActivity activity = null;
        try {
            Settings settings = Settings.load(System.getenv(), config);
            if (demo && (settings.amqpUri().isPresent() || settings.mongoUri().isPresent())) {
                // Fake records must never land in a real RackHD database.
                System.err.println(
                        "monorail-ws: --demo runs only with the embedded servers; unset MONORAIL_AMQP_URI and MONORAIL_MONGO_URI");
                return EXIT_CONFIG;
            }
            application = GatewayApplication.create(settings);
            application.start();
            if (demo) {
                activity =
                        new DemoActivity(
                                application.mongoUri(),
                                settings.mongoDatabase(),
                                application.amqpUri(),
                                DEMO_TICK);
                activity.start();
            }
        } catch (IOException e) {
            System.err.println("monorail-ws: cannot start the demo: " + e.getMessage());
            return EXIT_CONFIG;
        } catch (Settings.SettingsException | IllegalStateException e) {
            System.err.println("monorail-ws: " + e.getMessage());
            return EXIT_CONFIG;
        } catch (RuntimeException e) {
            // Guice wraps what a provider throws; show the cause, not the wrapping.
            Throwable cause = rootCause(e);
            System.err.println("monorail-ws: cannot start: " + cause.getMessage());
            return EXIT_CONFIG;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        DemoActivity running = activity;
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    if (running != null) {
                                        running.close();
                                    }
                                    application.close();
                                    stopped.countDown();
                                },
                                "monorail-shutdown"));
        System.out.println(application.describe());
        if (demo) {
            System.out.println(
                    "demo: RackHD-like activity every "
                            + DEMO_TICK.toMillis()
                            + " ms; try {\"handler\":\"watch\",\"type\":\"nodes\"} or {\"handler\":\"watch\",\"type\":\"workflows\"}");
        }
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** The settings table, for {@code --help}. */
    static String settingsHelp() {
        StringBuilder help = new StringBuilder("\nSettings [default]:\n");
        for (Setting setting : Setting.values()) {
            String given = setting.defaultValue();
            help.append(
                    String.format(
                            "  %-37s %s%s\n",
                            setting.variable(),
                            given.isEmpty() ? "" : "[" + given + "] ",
                            setting.doc()));
        }
        // picocli reads the footer as a format string.
        return help.toString().replace("%", "%%");
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"monorail-ws " + (version == null ? "(development)" : version)};
        }
    }
}

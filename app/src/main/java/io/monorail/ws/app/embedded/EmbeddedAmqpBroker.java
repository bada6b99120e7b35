package io.monorail.ws.app.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.ConfiguredObject;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.State;
import org.apache.qpid.server.model.SystemConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process AMQP 0-9-1 broker (Apache Qpid Broker-J) on 127.0.0.1, guest/guest, in memory: the
 * message bus of the embedded default when no external RabbitMQ is configured.
 *
 * <p>Only the AMQP port opens: the configuration has no HTTP port and the management plugins are
 * not on the class path. Qpid's work directory is a temporary one, deleted on {@link #stop()}.
 */
public final class EmbeddedAmqpBroker {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedAmqpBroker.class);
    private static final String HOST = "127.0.0.1";
    private static final String INITIAL_CONFIG = "monorail-embedded-amqp.json";
    private static final String PORT_VARIABLE = "monorail.amqp.port";

    private SystemLauncher launcher;
    private Path workDir;
    private int port = -1;

    /**
     * Starts the broker on {@code requestedPort}, or on any free port when it is 0.
     *
     * @throws IllegalStateException when the port is taken or the broker does not come up
     */
    public synchronized void start(int requestedPort) {
        if (launcher != null) {
            throw new IllegalStateException("embedded AMQP broker already started");
        }
        if (requestedPort < 0 || requestedPort > 65_535) {
            throw new IllegalArgumentException("port out of range: " + requestedPort);
        }
        Path dir = createWorkDir();
        StartupWatcher watcher = new StartupWatcher();
        SystemLauncher candidate = new SystemLauncher(watcher);
        try {
            candidate.startup(systemAttributes(dir, requestedPort));
            port = boundPort(watcher, requestedPort);
        } catch (Exception e) {
            shutDown(candidate, dir);
            throw e instanceof IllegalStateException ise
                    ? ise
                    : new IllegalStateException("embedded AMQP broker failed to start", e);
        }
        launcher = candidate;
        workDir = dir;
        LOG.info("embedded AMQP broker listening on amqp://{}:{}", HOST, port);
    }

    /** The port the broker listens on; the actual one when 0 was asked for. */
    public synchronized int port() {
        if (launcher == null) {
            throw new IllegalStateException("embedded AMQP broker not started");
        }
        return port;
    }

    /** Where clients connect: {@code amqp://guest:guest@127.0.0.1:<port>}. */
    public URI amqpUri() {
        return URI.create("amqp://guest:guest@" + HOST + ":" + port());
    }

    /** Stops the broker, drops every queue and message, and deletes the work directory. */
    public synchronized void stop() {
        if (launcher != null) {
            shutDown(launcher, workDir);
            launcher = null;
            workDir = null;
            port = -1;
        }
    }

    /** The temporary work directory while running, for tests. */
    synchronized Path workDir() {
        return workDir;
    }

    private static Map<String, Object> systemAttributes(Path dir, int requestedPort) {
        URL config = EmbeddedAmqpBroker.class.getClassLoader().getResource(INITIAL_CONFIG);
        if (config == null) {
            throw new IllegalStateException(INITIAL_CONFIG + " missing from the class path");
        }
        String work = dir.toAbsolutePath().toString();
        return Map.of(
                ConfiguredObject.TYPE,
                "Memory",
                SystemConfig.INITIAL_CONFIGURATION_LOCATION,
                config.toExternalForm(),
                SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT,
                false,
                // The default preference store is a JSON file in the work directory.
                "preferenceStoreAttributes",
                "{\"type\": \"Noop\"}",
                // Context, not system properties: two brokers in one JVM must not share them.
                ConfiguredObject.CONTEXT,
                Map.of(
                        SystemConfig.QPID_WORK_DIR,
                        work,
                        SystemConfig.PROPERTY_QPID_WORK,
                        work,
                        PORT_VARIABLE,
                        Integer.toString(requestedPort)));
    }

    /**
     * {@code startup} reports most failures only to its listener, and a port it cannot bind leaves
     * the broker running with that port in state ERRORED: both are checked here.
     */
    private static int boundPort(StartupWatcher watcher, int requestedPort) {
        if (watcher.failure != null) {
            throw new IllegalStateException(
                    "embedded AMQP broker failed to start", watcher.failure);
        }
        Broker<?> broker = (Broker<?>) watcher.systemConfig.getContainer();
        Port<?> amqp =
                broker.getPorts().stream()
                        .filter(p -> p.getName().equals("AMQP"))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("no AMQP port configured"));
        if (amqp.getState() != State.ACTIVE) {
            throw new IllegalStateException(
                    "AMQP port " + requestedPort + " on " + HOST + " is already in use");
        }
        return amqp.getBoundPort();
    }

    private static void shutDown(SystemLauncher launcher, Path dir) {
        try {
            launcher.shutdown();
        } finally {
            deleteRecursively(dir);
        }
    }

    private static Path createWorkDir() {
        try {
            return Files.createTempDirectory("monorail-amqp-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work directory for the AMQP broker", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warn("could not delete the AMQP broker work directory {}: {}", dir, e.toString());
        }
    }

    /** Catches what {@link SystemLauncher#startup} does not throw. */
    private static final class StartupWatcher
            extends SystemLauncherListener.DefaultSystemLauncherListener {
        private volatile SystemConfig<?> systemConfig;
        private volatile RuntimeException failure;

        @Override
        public void onContainerResolve(SystemConfig<?> config) {
            systemConfig = config;
        }

        @Override
        public void errorOnStartup(RuntimeException e) {
            failure = e;
        }
    }
}

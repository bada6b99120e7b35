package io.monorail.ws.load.server;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Starts (or finds) each kind of server for one measurement: the gateway from its jar with limits
 * raised for load, the bare server from this tool's own classpath, Web-STOMP as it runs.
 */
public final class Launcher {
    /** Gateway settings for a load run, beside its AMQP URI and port. */
    public static final Map<String, String> MONORAIL_ENV =
            Map.of(
                    "MONORAIL_HOST", "127.0.0.1",
                    "MONORAIL_EMBEDDED_MONGO_PORT", "0",
                    "MONORAIL_MAX_CONNECTIONS", "1000000",
                    "MONORAIL_MAX_CONNECTIONS_PER_ADDRESS", "1000000",
                    // a flood outruns 1,000 clients on 2 shared cores; without these the gateway
                    // closes them as too slow (1013) and the figures measure that instead
                    "MONORAIL_MAX_OUTGOING_FRAMES", "100000",
                    "MONORAIL_MAX_OUTGOING_BYTES", "268435456",
                    // the detached command leaves more sessions awaiting a resume than the default
                    "MONORAIL_MAX_DETACHED_SESSIONS", "1000000");

    private final Path monorailJar;
    private final String amqpUri;
    private final List<String> jvmOptions;
    private final Path workDir;
    private final URI stompUri;
    private final long stompPid;
    private int started;

    public Launcher(
            Path monorailJar,
            String amqpUri,
            List<String> jvmOptions,
            Path workDir,
            URI stompUri,
            long stompPid) {
        this.monorailJar = monorailJar;
        this.amqpUri = amqpUri;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.workDir = workDir;
        this.stompUri = stompUri;
        this.stompPid = stompPid;
    }

    /** Fails early, with what to do, if a kind cannot be run on this machine. */
    public void check(ServerKind kind) {
        switch (kind) {
            case STOMP -> WebStomp.find(stompUri, stompPid);
            case MONORAIL -> {
                if (monorailJar == null || !Files.isRegularFile(monorailJar)) {
                    throw new UserError(
                            "no gateway jar at "
                                    + monorailJar
                                    + "; build it with ./mvnw -B -o -q package -pl app -am -DskipTests, or pass --monorail-jar");
                }
            }
            default -> {}
        }
    }

    /** A fresh server of this kind (Web-STOMP: the running one). */
    public ServerUnderTest start(ServerKind kind) throws IOException, InterruptedException {
        return start(kind, Map.of());
    }

    /**
     * A fresh server of this kind; a gateway gets {@code settings} ({@code MONORAIL_*} variables)
     * besides the load run's.
     */
    public ServerUnderTest start(ServerKind kind, Map<String, String> settings)
            throws IOException, InterruptedException {
        int n = ++started;
        return switch (kind) {
            case STOMP -> WebStomp.find(stompUri, stompPid);
            case MONORAIL -> {
                int port = FreePort.find();
                Map<String, String> env = new java.util.HashMap<>(MONORAIL_ENV);
                env.put("MONORAIL_AMQP_URI", amqpUri);
                env.put("MONORAIL_PORT", Integer.toString(port));
                env.putAll(settings);
                yield JvmServer.start(
                        kind,
                        jvmOptions,
                        List.of("-jar", monorailJar.toString()),
                        env,
                        port,
                        workDir,
                        n + "-" + kind.key());
            }
            case BARE_EACH, BARE_BATCHED -> {
                int port = FreePort.find();
                yield JvmServer.start(
                        kind,
                        jvmOptions,
                        List.of(
                                "-cp",
                                System.getProperty("java.class.path"),
                                "io.monorail.ws.load.LoadTool",
                                "bare",
                                "--port=" + port,
                                "--write=" + (kind == ServerKind.BARE_EACH ? "each" : "batched"),
                                "--amqp-uri=" + amqpUri),
                        Map.of(),
                        port,
                        workDir,
                        n + "-" + kind.key());
            }
        };
    }

    /** The AMQP URI servers and publisher use. */
    public String amqpUri() {
        return amqpUri;
    }
}

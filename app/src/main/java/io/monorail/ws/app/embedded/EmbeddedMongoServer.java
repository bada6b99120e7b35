package io.monorail.ws.app.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process server speaking the MongoDB wire protocol (mongo-java-server) on 127.0.0.1: the
 * document store of the embedded default when no external MongoDB is configured. Data lives in
 * memory, or in an H2 MVStore file that survives restarts when a path is given.
 *
 * <p>The oplog stays off: mongo-java-server keeps a copy of every write in it forever (memory grows
 * without bound under {@code --demo}) and reports updates wrongly, so the embedded default takes
 * document changes from the message bus instead of change streams.
 */
public final class EmbeddedMongoServer {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMongoServer.class);
    private static final String HOST = "127.0.0.1";

    private final Path dataFile;
    private boolean oplog;
    private MongoServer server;
    private int port = -1;

    /** A server whose data is lost on {@link #stop()}. */
    public EmbeddedMongoServer() {
        this.dataFile = null;
    }

    /**
     * A server that keeps its data in {@code dataFile} (created with its directories if absent).
     */
    public EmbeddedMongoServer(Path dataFile) {
        this.dataFile = dataFile.toAbsolutePath();
    }

    /**
     * Keeps an oplog, so that change streams work (inserts and deletes only, and it grows without
     * bound): for {@code MONORAIL_CHANGES=changestream} on the embedded server. Call before {@link
     * #start}.
     */
    public synchronized EmbeddedMongoServer withOplog() {
        oplog = true;
        return this;
    }

    /**
     * Starts listening on {@code requestedPort}, or on any free port when it is 0.
     *
     * @throws IllegalStateException when the port is taken, the data file cannot be opened (another
     *     process holds it, say) or the server is already running
     */
    public synchronized void start(int requestedPort) {
        if (server != null) {
            throw new IllegalStateException("embedded MongoDB server already started");
        }
        if (requestedPort < 0 || requestedPort > 65_535) {
            throw new IllegalArgumentException("port out of range: " + requestedPort);
        }
        MongoServer candidate = new MongoServer(openBackend());
        try {
            candidate.bind(HOST, requestedPort);
        } catch (Exception e) {
            // bind() only cleans up after unchecked failures, and Netty throws BindException
            // (checked) sneakily: release the event loops and the data file here.
            candidate.shutdownNow();
            if (causedBy(e, BindException.class)) {
                throw new IllegalStateException(
                        "MongoDB port " + requestedPort + " on " + HOST + " is already in use", e);
            }
            throw new IllegalStateException("embedded MongoDB server failed to start", e);
        }
        server = candidate;
        port = candidate.getLocalAddress().getPort();
        LOG.info(
                "embedded MongoDB server listening on {} ({})",
                connectionString(),
                dataFile == null ? "in memory" : "data in " + dataFile);
    }

    /** The port the server listens on; the actual one when 0 was asked for. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("embedded MongoDB server not started");
        }
        return port;
    }

    /** Where clients connect: {@code mongodb://127.0.0.1:<port>} (no credentials). */
    public String connectionString() {
        return "mongodb://" + HOST + ":" + port();
    }

    /** The file holding the data, if this server persists it. */
    public Optional<Path> dataFile() {
        return Optional.ofNullable(dataFile);
    }

    /**
     * Closes every client connection and stops; a file-backed server writes its data out first.
     * Does nothing when not running.
     */
    public synchronized void stop() {
        if (server != null) {
            MongoServer stopping = server;
            server = null;
            port = -1;
            // shutdownNow closes client connections first; plain shutdown would wait for them.
            stopping.shutdownNow();
        }
    }

    private MongoBackend openBackend() {
        MongoBackend backend = newBackend();
        if (oplog) {
            backend.enableOplog();
        }
        return backend;
    }

    private MongoBackend newBackend() {
        if (dataFile == null) {
            return new MemoryBackend();
        }
        try {
            Path directory = dataFile.getParent();
            if (directory != null) {
                Files.createDirectories(directory);
            }
            return new H2Backend(dataFile.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory for " + dataFile, e);
        } catch (RuntimeException e) {
            // H2 refuses a file another process has open ("The file is locked"), or a corrupt one.
            throw new IllegalStateException("cannot open the MongoDB data file " + dataFile, e);
        }
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}

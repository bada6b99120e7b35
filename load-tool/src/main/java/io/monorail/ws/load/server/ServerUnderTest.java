package io.monorail.ws.load.server;

import io.monorail.ws.load.client.Dialect;
import java.nio.file.Path;
import java.util.Optional;

/** A server process being measured: how to subscribe to it, and which process to watch. */
public interface ServerUnderTest extends AutoCloseable {
    /** Which server this is. */
    ServerKind kind();

    /** The dialect clients speak to it, subscribing to {@code pattern} on {@code exchange}. */
    Dialect dialect(String exchange, String pattern);

    /** The operating-system process whose CPU and memory are measured. */
    long pid();

    /** True for a JVM (heap via jcmd, GC log); false for Web-STOMP (Erlang: RSS only). */
    boolean isJvm();

    /** The GC log this tool asked the JVM to write, if it started the JVM itself. */
    default Optional<Path> gcLog() {
        return Optional.empty();
    }

    /** Fails, saying what to do, if the server process cannot hold this many connections. */
    default void requireRoomFor(int connections) {
        ProcLimits.requireRoomFor(pid(), kind().title(), connections, null);
    }

    /** Stops the server if this tool started it. */
    @Override
    void close();
}

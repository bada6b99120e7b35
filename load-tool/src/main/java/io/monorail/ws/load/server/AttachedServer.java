package io.monorail.ws.load.server;

import io.monorail.ws.load.client.BareDialect;
import io.monorail.ws.load.client.Dialect;
import io.monorail.ws.load.client.MonorailDialect;
import java.net.URI;

/** A monorail or bare server someone else started: measured, never stopped. */
public final class AttachedServer implements ServerUnderTest {
    private final ServerKind kind;
    private final URI uri;
    private final long pid;

    public AttachedServer(ServerKind kind, URI uri, long pid) {
        if (kind == ServerKind.STOMP) {
            throw new IllegalArgumentException("Web-STOMP is found, not attached");
        }
        this.kind = kind;
        this.uri = uri;
        this.pid = pid;
    }

    @Override
    public ServerKind kind() {
        return kind;
    }

    @Override
    public Dialect dialect(String exchange, String pattern) {
        return kind == ServerKind.MONORAIL
                ? new MonorailDialect(uri, exchange, pattern)
                : new BareDialect(uri.getHost(), uri.getPort(), pattern);
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public boolean isJvm() {
        return true;
    }

    @Override
    public void close() {
        // not ours to stop
    }
}

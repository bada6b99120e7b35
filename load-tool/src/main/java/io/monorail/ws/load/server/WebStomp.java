package io.monorail.ws.load.server;

import io.monorail.ws.load.client.Dialect;
import io.monorail.ws.load.client.StompDialect;
import java.net.URI;

/** RabbitMQ's Web-STOMP plugin on this machine; the process measured is RabbitMQ itself. */
public final class WebStomp implements ServerUnderTest {
    /** The command that enables the plugin. */
    public static final String ENABLE = "rabbitmq-plugins enable rabbitmq_web_stomp";

    private final URI uri;
    private final long pid;

    private WebStomp(URI uri, long pid) {
        this.uri = uri;
        this.pid = pid;
    }

    /** Checks that Web-STOMP answers at {@code uri} and finds RabbitMQ's process. */
    public static WebStomp find(URI uri, long pidOrZero) {
        int port = uri.getPort() < 0 ? 15674 : uri.getPort();
        if (!RabbitMq.answers(uri.getHost(), port)) {
            throw new UserError(
                    "Web-STOMP does not answer on "
                            + uri.getHost()
                            + ":"
                            + port
                            + ". Enable RabbitMQ's plugin with:\n  "
                            + ENABLE
                            + "\n(if RabbitMQ itself is down: rabbitmq-server -detached)");
        }
        long pid =
                pidOrZero > 0
                        ? pidOrZero
                        : RabbitMq.pid()
                                .orElseThrow(
                                        () ->
                                                new UserError(
                                                        "Web-STOMP answers but no RabbitMQ process (beam.smp) is visible; give its pid with --stomp-pid"));
        return new WebStomp(uri, pid);
    }

    /** Restarts RabbitMQ so that Erlang, which reads the limit once at start, sees a higher one. */
    public static final String RAISE_LIMIT =
            "rabbitmqctl stop && runuser -u rabbitmq -- sh -c 'ulimit -n $(ulimit -Hn) && cd"
                    + " /var/lib/rabbitmq && HOME=/var/lib/rabbitmq rabbitmq-server -detached'\n"
                    + "  (Erlang reads the limit once, when it starts: prlimit on the running node is"
                    + " not enough)";

    @Override
    public void requireRoomFor(int connections) {
        ProcLimits.requireRoomFor(pid, "RabbitMQ (Web-STOMP)", connections, RAISE_LIMIT);
    }

    @Override
    public ServerKind kind() {
        return ServerKind.STOMP;
    }

    @Override
    public Dialect dialect(String exchange, String pattern) {
        return new StompDialect(uri, exchange, pattern, "guest", "guest");
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public boolean isJvm() {
        return false;
    }

    @Override
    public void close() {
        // not ours to stop
    }
}

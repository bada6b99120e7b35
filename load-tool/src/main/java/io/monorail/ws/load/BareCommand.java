package io.monorail.ws.load;

import io.monorail.ws.load.bare.BareFanOutServer;
import io.monorail.ws.load.bare.WriteMode;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bare}: runs the bare fan-out server until stopped. */
@Command(
        name = "bare",
        mixinStandardHelpOptions = true,
        description = "The bare Jetty fan-out server: ws://host:port/?key=<pattern>, GET /health.")
final class BareCommand implements Callable<Integer> {
    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            description = "address to listen on (${DEFAULT-VALUE})")
    String host;

    @Option(
            names = "--port",
            defaultValue = "9200",
            description = "port (0: any free one; ${DEFAULT-VALUE})")
    int port;

    @Option(
            names = "--write",
            defaultValue = "batched",
            description = "each or batched (${DEFAULT-VALUE})")
    String write;

    @Option(
            names = "--amqp-uri",
            defaultValue = "amqp://guest:guest@127.0.0.1:5672",
            description = "(${DEFAULT-VALUE})")
    String amqpUri;

    @Option(names = "--exchange", defaultValue = "on.events", description = "(${DEFAULT-VALUE})")
    String exchange;

    @Override
    public Integer call() throws Exception {
        WriteMode mode = WriteMode.valueOf(write.toUpperCase(Locale.ROOT));
        BareFanOutServer server = new BareFanOutServer(host, port, mode, amqpUri, exchange);
        server.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    System.out.println("bare fan-out server: " + server.counters());
                                    server.close();
                                    stopped.countDown();
                                }));
        System.out.printf(
                Locale.ROOT,
                "bare fan-out server (write=%s) on ws://%s:%d/?key=<pattern>, exchange %s%n",
                write,
                host,
                server.port(),
                exchange);
        stopped.await();
        return 0;
    }
}

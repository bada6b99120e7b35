package io.monorail.ws.load.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;

/** The machine's RabbitMQ: its Erlang process (beam.smp) and whether its ports answer. */
public final class RabbitMq {
    private RabbitMq() {}

    /** The pid of the beam.smp process running RabbitMQ, if there is one. */
    public static OptionalLong pid() {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(
                            p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(RabbitMq::isRabbitBeam)
                    .mapToLong(p -> Long.parseLong(p.getFileName().toString()))
                    .findFirst();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    private static boolean isRabbitBeam(Path proc) {
        try {
            String cmdline =
                    new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
            // The node itself boots with "-s rabbit boot"; rabbitmqctl and rabbitmq-plugins run
            // short-lived beam.smp processes too, which must not be taken for it.
            return cmdline.contains("beam.smp") && cmdline.contains("\0-s\0rabbit\0boot\0");
        } catch (IOException e) {
            return false; // gone, or not ours to read
        }
    }

    /**
     * Bytes the Erlang VM has allocated ({@code erlang:memory(total)}, via rabbitmqctl), if
     * rabbitmqctl answers. Unlike RSS, it drops when connections go, since it does not count memory
     * the allocators keep cached.
     */
    public static OptionalLong erlangMemoryBytes() {
        try {
            Process ctl =
                    new ProcessBuilder("rabbitmqctl", "eval", "erlang:memory(total).")
                            .redirectErrorStream(true)
                            .start();
            String out = new String(ctl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (ctl.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) && ctl.exitValue() == 0) {
                return OptionalLong.of(Long.parseLong(out.trim()));
            }
        } catch (IOException | NumberFormatException e) {
            // not available: RSS only
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return OptionalLong.empty();
    }

    /** True if something accepts TCP connections on host:port within a second. */
    public static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

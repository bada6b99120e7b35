package io.monorail.ws.domain.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ClientConnection} does, checked against the recording fake and the Jetty
 * connection. Subclasses provide a connection and a view of what its peer received.
 */
public abstract class ClientConnectionContract {
    /** A connection to a peer that has received nothing yet. */
    protected abstract ClientConnection connection() throws Exception;

    /** The first {@code count} frames the peer received, waiting for them if needed. */
    protected abstract List<String> received(int count) throws Exception;

    /** The close code the peer saw, waiting for it if needed. */
    protected abstract int closeCode() throws Exception;

    @Test
    void framesSentFromOneThread_arriveInOrder() throws Exception {
        ClientConnection connection = connection();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            sent.add("{\"n\":" + i + "}");
            connection.send(sent.get(i));
        }

        assertThat(received(50)).containsExactlyElementsOf(sent);
    }

    @Test
    void framesSentFromManyThreads_allArrive_eachThreadInOrder() throws Exception {
        ClientConnection connection = connection();
        int threads = 4;
        int each = 25;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread sender =
                    new Thread(
                            () -> {
                                try {
                                    start.await();
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                    return;
                                }
                                for (int i = 0; i < each; i++) {
                                    connection.send(thread + ":" + i);
                                }
                            });
            sender.start();
            senders.add(sender);
        }
        start.countDown();
        for (Thread sender : senders) {
            sender.join(TimeUnit.SECONDS.toMillis(10));
        }

        List<String> frames = received(threads * each);
        for (int t = 0; t < threads; t++) {
            String prefix = t + ":";
            assertThat(frames.stream().filter(f -> f.startsWith(prefix)).toList())
                    .containsExactlyElementsOf(
                            java.util.stream.IntStream.range(0, each)
                                    .mapToObj(i -> prefix + i)
                                    .toList());
        }
    }

    @Test
    void queuedFrames_arriveOnFlush_inOrder_beforeWhatIsSentAfterThem() throws Exception {
        ClientConnection connection = connection();
        for (int i = 0; i < 20; i++) {
            connection.queue(("{\"q\":" + i + "}").getBytes(StandardCharsets.UTF_8));
        }
        connection.flush();
        connection.queue("{\"q\":\"\u00e9\u2603\"}".getBytes(StandardCharsets.UTF_8));
        connection.send("{\"answer\":1}");

        List<String> frames = received(22);
        assertThat(frames.subList(0, 20))
                .containsExactlyElementsOf(
                        java.util.stream.IntStream.range(0, 20)
                                .mapToObj(i -> "{\"q\":" + i + "}")
                                .toList());
        assertThat(frames.get(20)).isEqualTo("{\"q\":\"\u00e9\u2603\"}");
        assertThat(frames.get(21)).isEqualTo("{\"answer\":1}");
    }

    @Test
    void aReplay_arrivesWhole_inOrder() throws Exception {
        ClientConnection connection = connection();
        List<byte[]> replay = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            replay.add(("{\"r\":" + i + "}").getBytes(StandardCharsets.UTF_8));
        }

        connection.sendReplay(replay);

        assertThat(received(30))
                .containsExactlyElementsOf(
                        replay.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList());
    }

    @Test
    void close_givesThePeerTheCode() throws Exception {
        ClientConnection connection = connection();

        connection.close(4002, "taken over");

        assertThat(closeCode()).isEqualTo(4002);
    }

    @Test
    void remoteAddress_namesThePeer() throws Exception {
        assertThat(connection().remoteAddress()).isNotBlank();
    }
}

package io.monorail.ws.adapter.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.WritePendingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.junit.jupiter.api.Test;

class JettyClientConnectionTest {
    /** What the connection asked of Jetty; callbacks are completed by the test. */
    private final List<Callback> pendingSends = new ArrayList<>();

    private final List<String> sent = new ArrayList<>();
    private final List<String> closes = new ArrayList<>();
    private final JettyClientConnection connection =
            new JettyClientConnection(recordingSession(), "10.0.0.7:40000", 10);

    @Test
    void queuedBytes_countsWhatJettyHasNotWrittenYet() {
        connection.send("abc");
        connection.send("ö");

        assertThat(connection.queuedBytes()).isEqualTo(5);
        pendingSends.get(0).succeed();
        assertThat(connection.queuedBytes()).isEqualTo(2);
        pendingSends.get(1).succeed();
        assertThat(connection.queuedBytes()).isZero();
    }

    @Test
    void fullOutgoingQueue_closesWith1013_once_andLaterSendsAreDropped() {
        connection.send("a");
        connection.send("b");

        pendingSends.get(0).fail(new WritePendingException());
        pendingSends.get(1).fail(new WritePendingException());
        connection.send("c");

        assertThat(closes).containsExactly("1013 client too slow");
        assertThat(sent).containsExactly("a", "b");
        assertThat(connection.queuedBytes()).isZero();
    }

    @Test
    void moreBytesWaitingThanTheBound_closesWith1013_andTheFrameIsNotSent() {
        connection.send("12345");
        connection.send("67890");

        connection.send("x");

        assertThat(closes).containsExactly("1013 client too slow");
        assertThat(sent).containsExactly("12345", "67890");
        assertThat(connection.queuedBytes()).isEqualTo(10);
    }

    @Test
    void oneFrameLargerThanTheBound_goesOutWhenNothingWaits() {
        connection.send("x".repeat(50));

        assertThat(closes).isEmpty();
        assertThat(sent).hasSize(1);
    }

    @Test
    void writtenBytes_makeRoomAgain() {
        connection.send("1234567890");
        pendingSends.get(0).succeed();

        connection.send("abcdefghij");

        assertThat(closes).isEmpty();
        assertThat(sent).hasSize(2);
    }

    @Test
    void brokenConnection_isNotMistakenForASlowClient() {
        connection.send("a");

        pendingSends.get(0).fail(new ClosedChannelException());

        assertThat(closes).isEmpty();
    }

    @Test
    void close_isSentOnce_withTheReasonCutToFit() {
        connection.close(1008, "x".repeat(200));
        connection.close(1000, "again");
        connection.send("after");

        assertThat(closes).containsExactly("1008 " + "x".repeat(123));
        assertThat(sent).isEmpty();
    }

    @Test
    void markClosed_dropsLaterSends() {
        connection.markClosed();
        connection.send("after");

        assertThat(sent).isEmpty();
    }

    @Test
    void utf8Length_countsEncodedBytes() {
        for (String text :
                new String[] {"", "abc", "nöde", "ノード", "emoji \uD83D\uDE80", "lone \uD83D"}) {
            assertThat(JettyClientConnection.utf8Length(text))
                    .as(text)
                    .isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void closeReason_isCutTo123BytesWithoutSplittingACharacter() {
        String reason = "ö".repeat(100); // 200 bytes

        String cut = JettyClientConnection.truncate(reason);

        assertThat(cut).isEqualTo("ö".repeat(61));
        assertThat(JettyClientConnection.truncate("short")).isEqualTo("short");
        assertThat(JettyClientConnection.truncate(null)).isNull();
    }

    private Session recordingSession() {
        return (Session)
                Proxy.newProxyInstance(
                        Session.class.getClassLoader(),
                        new Class<?>[] {Session.class},
                        (proxy, method, args) -> {
                            switch (method.getName()) {
                                case "sendText" -> {
                                    sent.add((String) args[0]);
                                    pendingSends.add((Callback) args[1]);
                                }
                                case "close" -> closes.add(args[0] + " " + args[1]);
                                case "getMaxOutgoingFrames" -> {
                                    return 2;
                                }
                                case "isOpen" -> {
                                    return true;
                                }
                                default ->
                                        throw new UnsupportedOperationException(method.getName());
                            }
                            return null;
                        });
    }
}

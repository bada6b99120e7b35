package io.monorail.ws.adapter.jetty;

import io.monorail.ws.domain.port.ClientConnection;
import io.monorail.ws.protocol.CloseCode;
import java.nio.ByteBuffer;
import java.nio.channels.WritePendingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ClientConnection} over one Jetty WebSocket session.
 *
 * <p>{@link #send} hands the frame to Jetty's outgoing queue and returns: Jetty appends under a
 * lock in the calling thread, so frames from one thread keep their order, and frames from different
 * threads interleave whole. The queue is bounded in frames by {@code maxOutgoingFrames} (when it is
 * full Jetty fails the send) and in bytes by {@code maxOutgoingBytes} (counted here): past either,
 * the client is closed with 1013 as too slow.
 *
 * <p>Watch messages go through Jetty's core session in batch mode: {@link #queue} gathers them in
 * the connection's output buffer and {@link #flush} (or any {@link #send}) writes them, so a burst
 * costs one write per connection instead of one per frame.
 */
final class JettyClientConnection implements ClientConnection {
    static final int TOO_SLOW = CloseCode.TOO_SLOW.code();
    static final String TOO_SLOW_REASON = "client too slow";
    private static final Duration SLOW_CLOSE_GRACE = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(JettyClientConnection.class);

    /** RFC 6455: a close frame's payload is at most 125 bytes, 2 of them the code. */
    private static final int MAX_REASON_BYTES = 123;

    private final Session session;
    // The core session takes frames in batch mode; null when the session is not Jetty's own.
    private final CoreSession core;
    private final String remoteAddress;
    private final AtomicBoolean closing = new AtomicBoolean();
    // The connection a thread is inside a call of (send, queue, close...): Jetty may report the
    // close from there. One entry per thread, whatever the number of connections.
    private static final ThreadLocal<JettyClientConnection> CALLING = new ThreadLocal<>();

    // Bytes handed to Jetty and not yet written: how far behind the client is.
    private final AtomicLong queuedBytes = new AtomicLong();
    // Room granted to a replay still being written, on top of the bounds for live traffic.
    private final AtomicLong replayBytes = new AtomicLong();
    private final long maxQueuedBytes;

    JettyClientConnection(Session session, String remoteAddress, long maxQueuedBytes) {
        this.session = session;
        this.core = session instanceof WebSocketSession own ? own.getCoreSession() : null;
        this.remoteAddress = remoteAddress;
        this.maxQueuedBytes = maxQueuedBytes;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public void send(String text) {
        if (closing.get()) {
            return; // the client is going away; what it would miss is the domain's concern
        }
        long bytes = utf8Length(text);
        if (!admit(bytes)) {
            return;
        }
        sendText(text, written(bytes));
    }

    /** Hands a text frame to Jetty's API session: written at once, after what was queued. */
    private void sendText(String text, Callback done) {
        asCaller(
                () -> {
                    try {
                        session.sendText(text, done);
                    } catch (RuntimeException e) {
                        done.fail(e);
                    }
                });
    }

    @Override
    public void queue(byte[] utf8Text) {
        queue(utf8Text, true);
    }

    /** Writes the frame at once, with what was queued before it: one pass, not two. */
    @Override
    public void queueAndFlush(byte[] utf8Text) {
        queue(utf8Text, false);
    }

    private void queue(byte[] utf8Text, boolean batch) {
        if (core == null) {
            send(new String(utf8Text, StandardCharsets.UTF_8));
            return;
        }
        if (closing.get() || !admit(utf8Text.length)) {
            return;
        }
        Frame frame = new Frame(OpCode.TEXT, true, ByteBuffer.wrap(utf8Text));
        QueuedFrame done = new QueuedFrame(utf8Text.length);
        asCaller(
                () -> {
                    try {
                        core.sendFrame(frame, done, batch);
                    } catch (RuntimeException e) {
                        done.failed(e);
                    }
                });
    }

    /**
     * What happens once a queued frame is written, or fails: one object per frame, the only one
     * besides the frame itself.
     */
    private final class QueuedFrame implements org.eclipse.jetty.util.Callback {
        private final long bytes;

        QueuedFrame(long bytes) {
            this.bytes = bytes;
        }

        @Override
        public void succeeded() {
            queuedBytes.addAndGet(-bytes);
        }

        @Override
        public void failed(Throwable failure) {
            queuedBytes.addAndGet(-bytes);
            onSendFailed(failure);
        }
    }

    @Override
    public void flush() {
        if (core != null && !closing.get()) {
            asCaller(() -> core.flush(org.eclipse.jetty.util.Callback.NOOP));
        }
    }

    /** Counts {@code bytes} as waiting; false (and the client closed) when that is too many. */
    private boolean admit(long bytes) {
        long waiting = queuedBytes.getAndAdd(bytes);
        if (waiting > 0 && waiting + bytes > maxQueuedBytes + replayBytes.get()) {
            queuedBytes.addAndGet(-bytes);
            tooSlow("more than " + maxQueuedBytes + " bytes waiting");
            return false;
        }
        return true;
    }

    /** What to do once a frame of {@code bytes} is written, or failed. */
    private Callback written(long bytes) {
        return Callback.from(
                () -> queuedBytes.addAndGet(-bytes),
                failure -> {
                    queuedBytes.addAndGet(-bytes);
                    onSendFailed(failure);
                });
    }

    /** Hands a text frame to the core session; {@code batch} leaves it for a later flush. */
    private void sendFrame(byte[] utf8Text, Callback done, boolean batch) {
        Frame frame = new Frame(OpCode.TEXT, true, ByteBuffer.wrap(utf8Text));
        asCaller(
                () -> {
                    try {
                        core.sendFrame(
                                frame,
                                org.eclipse.jetty.util.Callback.from(done::succeed, done::fail),
                                batch);
                    } catch (RuntimeException e) {
                        done.fail(e);
                    }
                });
    }

    /**
     * A resume's replay: the frame and byte bounds grow by the replay's size until its last frame
     * is out, so the replay itself never counts as a slow client, while live traffic queued behind
     * it is still bounded as usual.
     */
    @Override
    public void sendReplay(List<byte[]> frames) {
        if (frames.isEmpty() || closing.get()) {
            return;
        }
        long bytes = 0;
        for (byte[] frame : frames) {
            bytes += frame.length;
        }
        long granted = bytes;
        int extraFrames = frames.size();
        replayBytes.addAndGet(granted);
        session.setMaxOutgoingFrames(session.getMaxOutgoingFrames() + extraFrames);
        AtomicLong left = new AtomicLong(extraFrames);
        Runnable frameDone =
                () -> {
                    if (left.decrementAndGet() == 0) {
                        replayBytes.addAndGet(-granted);
                        session.setMaxOutgoingFrames(session.getMaxOutgoingFrames() - extraFrames);
                    }
                };
        int index = 0;
        for (byte[] frame : frames) {
            long frameBytes = frame.length;
            queuedBytes.addAndGet(frameBytes);
            Callback done =
                    Callback.from(
                            () -> {
                                queuedBytes.addAndGet(-frameBytes);
                                frameDone.run();
                            },
                            failure -> {
                                queuedBytes.addAndGet(-frameBytes);
                                frameDone.run();
                                onSendFailed(failure);
                            });
            boolean last = ++index == frames.size();
            if (core != null) {
                sendFrame(frame, done, !last);
            } else {
                sendText(new String(frame, StandardCharsets.UTF_8), done);
            }
        }
    }

    @Override
    public void close(int code, String reason) {
        if (closing.compareAndSet(false, true)) {
            asCaller(() -> session.close(code, truncate(reason), Callback.NOOP));
        }
    }

    /**
     * True when the current thread is inside {@link #send} or {@link #close}: a close Jetty reports
     * now must not be passed to the session on this thread, which is in the middle of a call.
     */
    boolean isCallingThread() {
        return CALLING.get() == this;
    }

    /** Answers a client's ping; control frames jump Jetty's queue and are not bounded by it. */
    void pong(ByteBuffer payload) {
        session.sendPong(payload, Callback.NOOP);
    }

    /** Jetty reported the connection closed: from now on sends are dropped. */
    void markClosed() {
        closing.set(true);
    }

    boolean isClosing() {
        return closing.get();
    }

    long queuedBytes() {
        return queuedBytes.get();
    }

    private void onSendFailed(Throwable failure) {
        if (failure instanceof WritePendingException) {
            tooSlow("more than " + session.getMaxOutgoingFrames() + " frames waiting");
        } else if (!closing.get()) {
            // The connection broke under the write; Jetty closes it and reports the close.
            LOG.debug("send to {} failed: {}", remoteAddress, failure.toString());
        }
    }

    private void tooSlow(String why) {
        if (closing.compareAndSet(false, true)) {
            LOG.warn("closing {}: client too slow, {}", remoteAddress, why);
            asCaller(() -> session.close(TOO_SLOW, TOO_SLOW_REASON, Callback.NOOP));
            // The close frame waits behind everything the client has not read; a client that
            // reads nothing never gets it, so drop the connection after a short grace instead of
            // holding its buffers until the idle timeout.
            CompletableFuture.delayedExecutor(SLOW_CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)
                    .execute(session::disconnect);
        }
    }

    private void asCaller(Runnable call) {
        JettyClientConnection outer = CALLING.get();
        CALLING.set(this);
        try {
            call.run();
        } finally {
            CALLING.set(outer);
        }
    }

    static String truncate(String reason) {
        if (reason == null) {
            return null;
        }
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_REASON_BYTES) {
            return reason;
        }
        int end = MAX_REASON_BYTES;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--; // do not cut a multi-byte character in half
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes += 1; // a lone surrogate is encoded as '?'
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}

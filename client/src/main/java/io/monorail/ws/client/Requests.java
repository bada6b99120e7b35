package io.monorail.ws.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monorail.ws.protocol.Message;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The requests that wait for an answer (by {@code ref}, each with a timeout) and the frames that
 * wait for a usable connection (in order). Confined to the event loop.
 */
final class Requests {
    /** A request that waits for its answer. */
    private static final class Pending {
        final CompletableFuture<Message> answer;
        EventLoop.Timer timeout = EventLoop.Timer.NONE;
        boolean sent;

        Pending(CompletableFuture<Message> answer) {
            this.answer = answer;
        }
    }

    /** A frame to send once the connection is usable; {@code ref} when it is a tracked request. */
    private record Outgoing(ObjectNode frame, String ref) {}

    private final EventLoop loop;
    private final Duration timeout;
    private final Map<String, Pending> byRef = new HashMap<>();
    private final Deque<Outgoing> outbox = new ArrayDeque<>();

    Requests(EventLoop loop, Duration timeout) {
        this.loop = loop;
        this.timeout = timeout;
    }

    /** Waits for the answer to {@code ref}; fails {@code answer} when none comes in time. */
    void track(String ref, CompletableFuture<Message> answer) {
        Pending pending = new Pending(answer);
        byRef.put(ref, pending);
        pending.timeout =
                loop.schedule(
                        () -> {
                            if (byRef.remove(ref, pending)) {
                                pending.answer.completeExceptionally(
                                        new MonorailException(
                                                MonorailException.Reason.TIMEOUT,
                                                "no answer within " + timeout.toMillis() + " ms"));
                            }
                        },
                        timeout);
    }

    /** The request {@code ref} went out on the current connection. */
    void sent(String ref) {
        Pending pending = byRef.get(ref);
        if (pending != null) {
            pending.sent = true;
        }
    }

    /** Keeps {@code frame} until {@link #flush}; {@code ref} when it is a tracked request. */
    void queue(ObjectNode frame, String ref) {
        outbox.add(new Outgoing(frame, ref));
    }

    /** Sends what waited, in order; requests that ended meanwhile (timed out) are skipped. */
    void flush(Consumer<ObjectNode> send) {
        while (!outbox.isEmpty()) {
            Outgoing next = outbox.poll();
            if (next.ref() != null) {
                Pending pending = byRef.get(next.ref());
                if (pending == null) {
                    continue;
                }
                pending.sent = true;
            }
            send.accept(next.frame());
        }
    }

    /**
     * Completes the request {@code ref} with {@code reply} (exceptionally for an {@code error}
     * frame); false when no request waits for that ref.
     */
    boolean answer(String ref, Message reply) {
        Pending pending = byRef.remove(ref);
        if (pending == null) {
            return false;
        }
        pending.timeout.cancel();
        if ("error".equals(reply.handler())) {
            pending.answer.completeExceptionally(MonorailException.fromErrorFrame(reply));
        } else {
            pending.answer.complete(reply);
        }
        return true;
    }

    /** The connection dropped: what was sent on it will not be answered; the rest waits. */
    void connectionLost() {
        List<String> lost = new ArrayList<>();
        byRef.forEach(
                (ref, pending) -> {
                    if (pending.sent) {
                        lost.add(ref);
                    }
                });
        for (String ref : lost) {
            fail(
                    ref,
                    new MonorailException(
                            MonorailException.Reason.CONNECTION_LOST,
                            "the connection dropped before the answer came"));
        }
    }

    /** Fails every request and forgets every queued frame. */
    void failAll(MonorailException.Reason reason, String message) {
        outbox.clear();
        for (String ref : new ArrayList<>(byRef.keySet())) {
            fail(ref, new MonorailException(reason, message));
        }
    }

    private void fail(String ref, MonorailException failure) {
        Pending pending = byRef.remove(ref);
        if (pending != null) {
            pending.timeout.cancel();
            pending.answer.completeExceptionally(failure);
        }
    }
}

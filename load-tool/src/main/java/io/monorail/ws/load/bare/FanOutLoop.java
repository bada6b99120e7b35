package io.monorail.ws.load.bare;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * The bare server's single delivery thread: takes the events the broker delivered as bursts (what
 * queued up since the last round, at most {@link #MAX_BURST}) and hands each to every connection of
 * every matching pattern, in order. At most {@link #MAX_EVENTS_IN_FLIGHT} events wait for Jetty to
 * write them, so a client that stops reading stalls the server instead of filling its heap.
 */
final class FanOutLoop implements Runnable {
    static final int MAX_BURST = 64;
    static final int MAX_EVENTS_IN_FLIGHT = 1024;

    /** One message from the broker. */
    record Event(String routingKey, byte[] body) {}

    private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    private final Subscriptions subscriptions;
    private final WriteMode mode;
    private final Semaphore inFlight = new Semaphore(MAX_EVENTS_IN_FLIGHT);
    private final AtomicLong failedSends = new AtomicLong();
    private final AtomicLong sends = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong bursts = new AtomicLong();
    private volatile boolean stopped;

    FanOutLoop(Subscriptions subscriptions, WriteMode mode) {
        this.subscriptions = subscriptions;
        this.mode = mode;
    }

    void offer(Event event) {
        queue.add(event);
    }

    void stop() {
        stopped = true;
    }

    long sends() {
        return sends.get();
    }

    long failedSends() {
        return failedSends.get();
    }

    long events() {
        return events.get();
    }

    long bursts() {
        return bursts.get();
    }

    @Override
    public void run() {
        List<Event> burst = new ArrayList<>(MAX_BURST);
        List<Event> matching = new ArrayList<>(MAX_BURST);
        List<FanOutEndpoint> members = new ArrayList<>();
        try {
            while (!stopped) {
                burst.clear();
                burst.add(queue.take());
                queue.drainTo(burst, MAX_BURST - 1);
                bursts.incrementAndGet();
                events.addAndGet(burst.size());
                for (Subscriptions.Group group : subscriptions.groups()) {
                    matching.clear();
                    for (Event event : burst) {
                        if (group.pattern.matches(event.routingKey())) {
                            matching.add(event);
                        }
                    }
                    if (matching.isEmpty()) {
                        continue;
                    }
                    members.clear();
                    members.addAll(group.members); // one recipient list for the whole burst
                    if (!members.isEmpty()) {
                        fanOut(matching, members);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void fanOut(List<Event> events, List<FanOutEndpoint> members)
            throws InterruptedException {
        int last = events.size() - 1;
        for (int i = 0; i <= last; i++) {
            inFlight.acquire();
            EventCompletion completion = new EventCompletion(inFlight, failedSends);
            byte[] body = events.get(i).body();
            if (mode == WriteMode.EACH) {
                String text = new String(body, StandardCharsets.UTF_8); // one String, shared
                for (FanOutEndpoint member : members) {
                    completion.expectOne();
                    member.session().sendText(text, completion);
                }
            } else {
                // One read-only frame shared by every connection: each write reads its own view.
                Frame frame = new Frame(OpCode.TEXT, true, ByteBuffer.wrap(body)).asReadOnly();
                boolean batch = i < last; // the burst's last frame flushes each connection once
                for (FanOutEndpoint member : members) {
                    completion.expectOne();
                    member.coreSession().sendFrame(frame, completion, batch);
                }
            }
            sends.addAndGet(members.size());
            completion.allSent();
        }
    }
}

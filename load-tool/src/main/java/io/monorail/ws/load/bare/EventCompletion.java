package io.monorail.ws.load.bare;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one callback every send of one event shares: when the last of them completed, the event no
 * longer counts against the server's bound on events in flight.
 */
final class EventCompletion
        implements org.eclipse.jetty.util.Callback, org.eclipse.jetty.websocket.api.Callback {
    private final AtomicInteger pending = new AtomicInteger(1); // the sender's own hold
    private final Semaphore inFlight;
    private final AtomicLong failedSends;

    EventCompletion(Semaphore inFlight, AtomicLong failedSends) {
        this.inFlight = inFlight;
        this.failedSends = failedSends;
    }

    /** Called before each send. */
    void expectOne() {
        pending.incrementAndGet();
    }

    /** Called once after the last send was handed to Jetty. */
    void allSent() {
        done();
    }

    private void done() {
        if (pending.decrementAndGet() == 0) {
            inFlight.release();
        }
    }

    @Override
    public void succeeded() {
        done();
    }

    @Override
    public void failed(Throwable x) {
        failedSends.incrementAndGet();
        done();
    }

    @Override
    public void succeed() {
        done();
    }

    @Override
    public void fail(Throwable x) {
        failed(x);
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }
}

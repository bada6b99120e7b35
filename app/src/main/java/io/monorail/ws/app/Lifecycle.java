package io.monorail.ws.app;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's services in the one order they start in: started in list order, stopped in reverse.
 * A service that fails to start stops, in reverse, those started before it.
 */
final class Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

    /** A service and the name messages give it ("the WebSocket server"). */
    record Step(String name, Service service) {}

    private final List<Step> steps;
    private final Deque<Step> started = new ArrayDeque<>();
    private boolean running;

    Lifecycle(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    /**
     * Starts every service in list order.
     *
     * @throws IllegalStateException "cannot start NAME: REASON", once the services started before
     *     it are stopped again; or when already started
     */
    synchronized void start() {
        if (running) {
            throw new IllegalStateException("already started");
        }
        for (Step step : steps) {
            try {
                step.service().start();
            } catch (RuntimeException e) {
                IllegalStateException failure =
                        new IllegalStateException(
                                "cannot start " + step.name() + ": " + e.getMessage(), e);
                stopStarted(failure);
                throw failure;
            }
            started.push(step);
        }
        running = true;
    }

    /** Stops what was started, in reverse order; a second call does nothing. */
    synchronized void stop() {
        running = false;
        stopStarted(null);
    }

    /** The steps' names, in start order. */
    List<String> names() {
        return steps.stream().map(Step::name).toList();
    }

    /** True between a successful {@link #start()} and {@link #stop()}. */
    synchronized boolean isRunning() {
        return running;
    }

    /** A failing stop is logged (and added to {@code failure}), and the others still stop. */
    private void stopStarted(Throwable failure) {
        while (!started.isEmpty()) {
            Step step = started.pop();
            try {
                step.service().stop();
            } catch (RuntimeException e) {
                LOG.warn("error while stopping {}: {}", step.name(), e.toString());
                if (failure != null) {
                    failure.addSuppressed(e);
                }
            }
        }
    }
}

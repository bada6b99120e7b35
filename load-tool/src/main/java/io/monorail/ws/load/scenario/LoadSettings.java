package io.monorail.ws.load.scenario;

import java.time.Duration;

/**
 * What one measurement does: {@code clients} subscribers; a flood of {@code floodEvents} events at
 * full speed; paced {@code rate} events/s for {@code pacedDuration}; memory before and after
 * subscribing; bodies of {@code bodyBytes}; {@code detached} further gateway sessions left waiting
 * for a resume before the flood (0: none).
 */
public record LoadSettings(
        int clients,
        long floodEvents,
        long warmupEvents,
        double rate,
        Duration pacedDuration,
        int bodyBytes,
        String exchange,
        int connectConcurrency,
        Duration stall,
        Duration subscribeTimeout,
        int confirmBatch,
        boolean memory,
        boolean flood,
        boolean paced,
        int detached) {
    public LoadSettings {
        if (clients < 1 || detached < 0) {
            throw new IllegalArgumentException("at least one client");
        }
        if (rate <= 0 || bodyBytes < 1 || confirmBatch < 1 || connectConcurrency < 1) {
            throw new IllegalArgumentException(
                    "rate, body size, confirm batch, concurrency must be positive");
        }
    }

    /** The same settings with another number of clients and only the memory measure. */
    public LoadSettings idleOnly(int idleClients) {
        return new LoadSettings(
                idleClients,
                floodEvents,
                warmupEvents,
                rate,
                pacedDuration,
                bodyBytes,
                exchange,
                connectConcurrency,
                stall,
                subscribeTimeout,
                confirmBatch,
                true,
                false,
                false,
                0);
    }

    /** The same settings with {@code count} detached sessions beside the watching clients. */
    public LoadSettings withDetached(int count) {
        return new LoadSettings(
                clients,
                floodEvents,
                warmupEvents,
                rate,
                pacedDuration,
                bodyBytes,
                exchange,
                connectConcurrency,
                stall,
                subscribeTimeout,
                confirmBatch,
                memory,
                flood,
                paced,
                count);
    }
}

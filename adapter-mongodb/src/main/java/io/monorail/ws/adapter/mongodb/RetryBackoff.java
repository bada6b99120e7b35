package io.monorail.ws.adapter.mongodb;

import io.monorail.ws.protocol.Backoff;
import java.time.Duration;

/** How change streams are reopened: the configured backoff, doubling up to 30 s. */
final class RetryBackoff {
    private RetryBackoff() {}

    /** Starts at the configured backoff; the cap is 30 s, or the backoff itself if longer. */
    static Backoff of(ChangeStreamConfig config) {
        Duration initial = config.retryBackoff();
        Duration cap = ChangeStreamConfig.MAX_RETRY_BACKOFF;
        return new Backoff(initial, initial.compareTo(cap) > 0 ? initial : cap);
    }
}

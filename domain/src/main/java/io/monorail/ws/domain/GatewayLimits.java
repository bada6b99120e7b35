package io.monorail.ws.domain;

import io.monorail.ws.domain.filter.FilterLimits;
import io.monorail.ws.domain.session.SessionLimits;
import io.monorail.ws.protocol.MessageCodec;
import java.time.Duration;
import java.util.Objects;

/**
 * Limits on what one client may ask of the gateway.
 *
 * @param maxJsonDepth deepest nesting accepted in a frame
 * @param maxWatchesPerConnection watches one connection may hold at once
 * @param maxResults most documents in one {@code list}; a longer answer is cut and says {@code
 *     "truncated": true}
 * @param queryTimeout how long the store may take for one read
 * @param filter limits on watch and query filters
 * @param sessions what is kept for clients that come back
 * @param messageRate how many frames per second one connection may send
 * @param maxTrackedIds how many matching documents one filtered watch (all watches with the same
 *     type and params) remembers to tell its clients when a document leaves or enters the filter
 */
public record GatewayLimits(
        int maxJsonDepth,
        int maxWatchesPerConnection,
        int maxResults,
        Duration queryTimeout,
        FilterLimits filter,
        SessionLimits sessions,
        RateLimit messageRate,
        int maxTrackedIds) {
    /** Default of {@link #maxTrackedIds}. */
    public static final int DEFAULT_MAX_TRACKED_IDS = 10_000;

    public GatewayLimits {
        if (maxJsonDepth < 2) {
            throw new IllegalArgumentException("maxJsonDepth must be at least 2");
        }
        if (maxWatchesPerConnection < 1) {
            throw new IllegalArgumentException("maxWatchesPerConnection must be at least 1");
        }
        if (maxResults < 1) {
            throw new IllegalArgumentException("maxResults must be at least 1");
        }
        Objects.requireNonNull(queryTimeout, "queryTimeout");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(messageRate, "messageRate");
        if (maxTrackedIds < 1) {
            throw new IllegalArgumentException("maxTrackedIds must be at least 1");
        }
    }

    public static GatewayLimits defaults() {
        return new GatewayLimits(
                MessageCodec.DEFAULT_MAX_DEPTH,
                100,
                1000,
                Duration.ofSeconds(5),
                FilterLimits.defaults(),
                SessionLimits.defaults(),
                RateLimit.defaults(),
                DEFAULT_MAX_TRACKED_IDS);
    }

    /** These limits with another watch limit. */
    public GatewayLimits withMaxWatches(int maxWatches) {
        return new GatewayLimits(
                maxJsonDepth,
                maxWatches,
                maxResults,
                queryTimeout,
                filter,
                sessions,
                messageRate,
                maxTrackedIds);
    }

    /** These limits with another result cap. */
    public GatewayLimits withMaxResults(int results) {
        return new GatewayLimits(
                maxJsonDepth,
                maxWatchesPerConnection,
                results,
                queryTimeout,
                filter,
                sessions,
                messageRate,
                maxTrackedIds);
    }

    /** These limits with other session limits. */
    public GatewayLimits withSessions(SessionLimits other) {
        return new GatewayLimits(
                maxJsonDepth,
                maxWatchesPerConnection,
                maxResults,
                queryTimeout,
                filter,
                other,
                messageRate,
                maxTrackedIds);
    }

    /** These limits with another message rate. */
    public GatewayLimits withMessageRate(RateLimit rate) {
        return new GatewayLimits(
                maxJsonDepth,
                maxWatchesPerConnection,
                maxResults,
                queryTimeout,
                filter,
                sessions,
                rate,
                maxTrackedIds);
    }

    /** These limits with another bound on the documents a filtered watch remembers. */
    public GatewayLimits withMaxTrackedIds(int ids) {
        return new GatewayLimits(
                maxJsonDepth,
                maxWatchesPerConnection,
                maxResults,
                queryTimeout,
                filter,
                sessions,
                messageRate,
                ids);
    }
}

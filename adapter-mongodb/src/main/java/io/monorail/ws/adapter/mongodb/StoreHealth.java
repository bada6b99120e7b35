package io.monorail.ws.adapter.mongodb;

import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoServerException;
import io.monorail.ws.domain.port.out.StoreException;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks whether the store answered last time, turns driver failures into messages safe for
 * clients, and logs each outage once rather than once per request.
 */
final class StoreHealth {
    private static final Logger LOG = LoggerFactory.getLogger(MongoResourceStore.class);

    static final String UNAVAILABLE = "document store unavailable";

    /**
     * Server error codes that say the server cannot serve us right now (the retryable-read codes of
     * the driver specifications) or will not serve us at all (authentication, authorization).
     */
    private static final Set<Integer> UNAVAILABLE_CODES =
            Set.of(6, 7, 13, 18, 89, 91, 189, 9001, 10107, 11600, 11602, 13435, 13436);

    private enum State {
        UNKNOWN,
        UP,
        DOWN
    }

    private volatile State state = State.UNKNOWN;

    boolean isAvailable() {
        return state == State.UP;
    }

    /** The store answered (even with an error about the query itself). */
    void answered() {
        State previous = state;
        state = State.UP;
        if (previous == State.DOWN) {
            LOG.info("document store reachable again");
        }
    }

    /**
     * Records a failed call and returns the exception for the caller to throw. Only a failure to
     * reach the store makes it unavailable: a query the server refuses or aborts was still
     * answered, and a client must not be able to turn the gateway's health red with a bad regex.
     */
    StoreException failed(String collection, MongoException failure, Duration maxTime) {
        if (failure instanceof MongoInterruptedException) {
            Thread.currentThread().interrupt(); // the caller is shutting down; keep the flag
            return new StoreException("query interrupted", failure);
        }
        if (failure instanceof MongoExecutionTimeoutException) {
            answered();
            LOG.warn(
                    "query on {} exceeded its time limit of {}: {}",
                    collection,
                    human(maxTime),
                    describe(failure));
            return new StoreException("query took longer than " + human(maxTime), failure);
        }
        if (failure instanceof MongoServerException refused && !meansUnavailable(refused)) {
            answered();
            LOG.warn(
                    "query on {} refused by the document store: {}", collection, describe(failure));
            String reason = refused.getErrorCodeName();
            return new StoreException(
                    "document store rejected the query"
                            + (reason == null || reason.isEmpty() ? "" : " (" + reason + ")"),
                    failure);
        }
        unreachable(failure);
        return new StoreException(UNAVAILABLE, failure);
    }

    /** Records a failure to reach the store, logged at WARN once per outage. */
    void unreachable(Exception failure) {
        State previous = state;
        state = State.DOWN;
        if (previous != State.DOWN) {
            LOG.warn("document store unavailable: {}", describe(failure));
        } else {
            LOG.debug("document store still unavailable: {}", describe(failure));
        }
    }

    private static boolean meansUnavailable(MongoServerException failure) {
        return failure instanceof MongoNotPrimaryException
                || failure instanceof MongoNodeIsRecoveringException
                || UNAVAILABLE_CODES.contains(failure.getCode());
    }

    /** The cause without a stack trace; driver messages hold addresses but never passwords. */
    private static String describe(Exception failure) {
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    static String human(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}

package io.monorail.ws.adapter.mongodb;

import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoServerException;
import io.monorail.ws.domain.port.out.EventFeedException;
import io.monorail.ws.domain.port.out.EventFeedException.Reason;
import java.util.Set;

/**
 * Sorts the driver's failures around change streams: which ones refuse a binding for good, which
 * mean the server cannot be reached, and which mean a stream cannot resume where it stopped.
 */
final class ChangeStreamFailures {
    static final String NEEDS_REPLICA_SET = "change streams need a MongoDB replica set";
    static final String UNAVAILABLE = "change stream source unavailable";

    /**
     * "The $changeStream stage is only supported on replica sets" (a standalone server), and
     * "Unrecognized pipeline stage name" (a server older than 3.6).
     */
    private static final Set<Integer> NO_CHANGE_STREAMS = Set.of(40573, 40324);

    /**
     * Server error codes that say the server cannot serve us right now (the retryable-read codes of
     * the driver specifications) or will not serve us at all (authentication, authorization): an
     * outage of the deployment, not a fault of the binding.
     */
    private static final Set<Integer> UNAVAILABLE_CODES =
            Set.of(6, 7, 13, 18, 89, 91, 189, 9001, 10107, 11600, 11602, 13435, 13436);

    /**
     * InvalidResumeToken, ChangeStreamFatalError (resume point no longer in the oplog, before 4.4)
     * and ChangeStreamHistoryLost: resuming from the same token would fail forever.
     */
    private static final Set<Integer> CANNOT_RESUME = Set.of(260, 280, 286);

    private ChangeStreamFailures() {}

    /** What a bind reports when the change stream for it could not be opened. */
    static EventFeedException openFailed(String collection, RuntimeException failure) {
        if (failure instanceof EventFeedException known) {
            return known;
        }
        if (failure instanceof MongoServerException refused) {
            if (NO_CHANGE_STREAMS.contains(refused.getCode())) {
                return new EventFeedException(Reason.REJECTED, NEEDS_REPLICA_SET, failure);
            }
            if (!meansUnavailable(refused)) {
                String reason = refused.getErrorCodeName();
                return new EventFeedException(
                        Reason.REJECTED,
                        "MongoDB refused a change stream on "
                                + collection
                                + (reason == null || reason.isEmpty() ? "" : " (" + reason + ")"),
                        failure);
            }
        }
        return new EventFeedException(Reason.UNAVAILABLE, UNAVAILABLE, failure);
    }

    /** True when a stream must start afresh: its resume point is gone. */
    static boolean cannotResume(Throwable failure) {
        return failure instanceof MongoServerException refused
                && CANNOT_RESUME.contains(refused.getCode());
    }

    /** The cause without a stack trace; driver messages hold addresses but never passwords. */
    static String describe(Throwable failure) {
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    private static boolean meansUnavailable(MongoServerException failure) {
        return failure instanceof MongoNotPrimaryException
                || failure instanceof MongoNodeIsRecoveringException
                || UNAVAILABLE_CODES.contains(failure.getCode());
    }
}

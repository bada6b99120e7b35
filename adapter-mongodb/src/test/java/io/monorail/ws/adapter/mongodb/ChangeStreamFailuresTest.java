package io.monorail.ws.adapter.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import io.monorail.ws.domain.port.out.EventFeedException;
import io.monorail.ws.domain.port.out.EventFeedException.Reason;
import java.io.IOException;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

/** How the driver's failures around change streams become binding failures. */
class ChangeStreamFailuresTest {

    @Test
    void standaloneServer_isRejected_becauseChangeStreamsNeedAReplicaSet() {
        EventFeedException failure =
                ChangeStreamFailures.openFailed(
                        "nodes",
                        refused(
                                40573,
                                "Location40573",
                                "The $changeStream stage is only supported on replica sets"));

        assertThat(failure.reason()).isEqualTo(Reason.REJECTED);
        assertThat(failure).hasMessage("change streams need a MongoDB replica set");
    }

    @Test
    void serverTooOldForChangeStreams_isRejectedTheSameWay() {
        EventFeedException failure =
                ChangeStreamFailures.openFailed(
                        "nodes",
                        refused(
                                40324,
                                "Location40324",
                                "Unrecognized pipeline stage name: '$changeStream'"));

        assertThat(failure.reason()).isEqualTo(Reason.REJECTED);
        assertThat(failure).hasMessage("change streams need a MongoDB replica set");
    }

    @Test
    void otherRefusal_isRejected_namingTheCollectionAndCodeOnly() {
        EventFeedException failure =
                ChangeStreamFailures.openFailed(
                        "nodes", refused(73, "InvalidNamespace", "secret details of the server"));

        assertThat(failure.reason()).isEqualTo(Reason.REJECTED);
        assertThat(failure)
                .hasMessage("MongoDB refused a change stream on nodes (InvalidNamespace)");
    }

    @Test
    void unreachableOrUnauthorizedServer_isUnavailable() {
        ServerAddress address = new ServerAddress("db", 27017);
        assertThat(
                        ChangeStreamFailures.openFailed(
                                        "nodes", new MongoTimeoutException("no server"))
                                .reason())
                .isEqualTo(Reason.UNAVAILABLE);
        assertThat(
                        ChangeStreamFailures.openFailed(
                                        "nodes",
                                        new MongoSocketOpenException(
                                                "refused", address, new IOException()))
                                .reason())
                .isEqualTo(Reason.UNAVAILABLE);
        EventFeedException unauthorized =
                ChangeStreamFailures.openFailed("nodes", refused(13, "Unauthorized", "no"));
        assertThat(unauthorized.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(unauthorized).hasMessage("change stream source unavailable");
    }

    @Test
    void lostHistory_meansTheStreamCannotResume() {
        assertThat(
                        ChangeStreamFailures.cannotResume(
                                refused(286, "ChangeStreamHistoryLost", "gone")))
                .isTrue();
        assertThat(
                        ChangeStreamFailures.cannotResume(
                                refused(280, "ChangeStreamFatalError", "gone")))
                .isTrue();
        assertThat(ChangeStreamFailures.cannotResume(refused(6, "HostUnreachable", "down")))
                .isFalse();
        assertThat(ChangeStreamFailures.cannotResume(new MongoTimeoutException("down"))).isFalse();
    }

    private static MongoCommandException refused(int code, String codeName, String message) {
        BsonDocument response = new BsonDocument();
        response.put("ok", new BsonDouble(0));
        response.put("code", new BsonInt32(code));
        response.put("codeName", new BsonString(codeName));
        response.put("errmsg", new BsonString(message));
        return new MongoCommandException(response, new ServerAddress("db", 27017));
    }
}

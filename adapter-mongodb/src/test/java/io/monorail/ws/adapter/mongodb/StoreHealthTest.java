package io.monorail.ws.adapter.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import io.monorail.ws.domain.port.out.StoreException;
import java.time.Duration;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

class StoreHealthTest {
    private static final ServerAddress HOST = new ServerAddress("db.internal.example", 27017);
    private final StoreHealth health = new StoreHealth();

    @Test
    void unknownUntilTheFirstAnswer() {
        assertThat(health.isAvailable()).isFalse();

        health.answered();

        assertThat(health.isAvailable()).isTrue();
    }

    @Test
    void unreachableServer_makesTheStoreUnavailable_withASafeMessage() {
        health.answered();

        StoreException failure =
                health.failed(
                        "nodes",
                        new MongoTimeoutException(
                                "Timed out waiting for db.internal.example:27017"),
                        Duration.ofSeconds(5));

        assertThat(failure).hasMessage("document store unavailable");
        assertThat(health.isAvailable()).isFalse();
        StoreException socket =
                health.failed(
                        "nodes",
                        new MongoSocketOpenException("refused", HOST),
                        Duration.ofSeconds(5));
        assertThat(socket).hasMessage("document store unavailable");
    }

    @Test
    void slowQuery_saysSo_andTheStoreStaysAvailable() {
        health.answered();

        StoreException failure =
                health.failed(
                        "catalogs",
                        new MongoExecutionTimeoutException(50, "operation exceeded time limit"),
                        Duration.ofMillis(1500));

        assertThat(failure).hasMessage("query took longer than 1500 ms");
        assertThat(health.isAvailable()).isTrue();
        assertThat(StoreHealth.human(Duration.ofSeconds(5))).isEqualTo("5 s");
    }

    @Test
    void queryTheServerRefuses_isNotAnOutage() {
        BsonDocument response =
                BsonDocument.parse(
                        "{\"ok\":0,\"code\":2,\"codeName\":\"BadValue\",\"errmsg\":\"bad regex\"}");

        StoreException failure =
                health.failed(
                        "nodes", new MongoCommandException(response, HOST), Duration.ofSeconds(5));

        assertThat(failure.getMessage())
                .isEqualTo("document store rejected the query (BadValue)")
                .doesNotContain("db.internal");
        assertThat(health.isAvailable()).isTrue();
    }

    @Test
    void unauthorized_isAnOutage() {
        health.answered();
        BsonDocument response =
                BsonDocument.parse(
                        "{\"ok\":0,\"code\":13,\"codeName\":\"Unauthorized\",\"errmsg\":\"no\"}");

        StoreException failure =
                health.failed(
                        "nodes", new MongoCommandException(response, HOST), Duration.ofSeconds(5));

        assertThat(failure).hasMessage("document store unavailable");
        assertThat(health.isAvailable()).isFalse();
    }
}

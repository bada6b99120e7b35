package io.monorail.ws.adapter.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.monorail.ws.protocol.Backoff;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChangeStreamConfigTest {

    @Test
    void defaults_usePxeAndOnWaterline() {
        ChangeStreamConfig config = ChangeStreamConfig.defaults("mongodb://db:27017", null);

        assertThat(config.database()).isEqualTo("pxe");
        assertThat(config.exchange()).isEqualTo("on.waterline");
        assertThat(config.retryBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(ChangeStreamConfig.defaults("mongodb://db", " rackhd ").database())
                .isEqualTo("rackhd");
    }

    @Test
    void redactedUriAndToString_neverShowCredentials() {
        ChangeStreamConfig config =
                ChangeStreamConfig.defaults(
                        "mongodb://admin:s3cr3t@db1:27017,db2:27017/admin?replicaSet=rs0", "pxe");

        assertThat(config.redactedUri()).isEqualTo("mongodb://***@db1:27017,db2:27017/pxe");
        assertThat(config.toString()).doesNotContain("s3cr3t", "admin:").contains("***@db1");
    }

    @Test
    void invalidSettings_areRefused_withoutEchoingTheUri() {
        assertThatThrownBy(() -> ChangeStreamConfig.defaults("mongodb://user:hunter2@", "pxe"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> ChangeStreamConfig.defaults("mongodb://db", "bad.name"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                new ChangeStreamConfig(
                                        "mongodb://db", "pxe", " ", Duration.ofSeconds(1)))
                .hasMessageContaining("exchange");
        assertThatThrownBy(
                        () ->
                                ChangeStreamConfig.defaults("mongodb://db", "pxe")
                                        .withRetryBackoff(Duration.ZERO))
                .hasMessageContaining("retryBackoff");
    }

    @Test
    void retryBackoff_doublesUpToThirtySeconds_orTheConfiguredBackoffIfLonger() {
        Backoff backoff =
                RetryBackoff.of(
                        ChangeStreamConfig.defaults("mongodb://db", "pxe")
                                .withRetryBackoff(Duration.ofMillis(100)));

        assertThat(backoff.delay(1, 0.999)).isLessThanOrEqualTo(Duration.ofMillis(100));
        assertThat(backoff.delay(1, 0)).isEqualTo(Duration.ofMillis(50));
        assertThat(backoff.delay(3, 0)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.delay(100, 0.999)).isLessThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(
                        RetryBackoff.of(
                                        ChangeStreamConfig.defaults("mongodb://db", "pxe")
                                                .withRetryBackoff(Duration.ofMinutes(2)))
                                .max())
                .isEqualTo(Duration.ofMinutes(2));
    }
}

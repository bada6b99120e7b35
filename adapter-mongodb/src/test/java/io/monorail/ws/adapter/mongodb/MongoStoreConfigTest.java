package io.monorail.ws.adapter.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MongoStoreConfigTest {

    @Test
    void defaults_usePxeAndShortTimeouts() {
        MongoStoreConfig config = MongoStoreConfig.defaults("mongodb://db:27017", null);

        assertThat(config.database()).isEqualTo("pxe");
        assertThat(config.serverSelectionTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(MongoStoreConfig.defaults("mongodb://db", " ").database()).isEqualTo("pxe");
        assertThat(MongoStoreConfig.defaults("mongodb://db", "rackhd").database())
                .isEqualTo("rackhd");
    }

    @Test
    void redactedUriAndToString_neverShowCredentialsOrOptions() {
        MongoStoreConfig config =
                MongoStoreConfig.defaults(
                        "mongodb://admin:s3cr%40t@db1:27017,db2:27018/admin?authSource=admin&appName=x",
                        "pxe");

        assertThat(config.redactedUri()).isEqualTo("mongodb://***@db1:27017,db2:27018/pxe");
        assertThat(config.toString()).doesNotContain("s3cr", "admin:").contains("***@db1");
        assertThat(MongoStoreConfig.defaults("mongodb://db", "pxe").redactedUri())
                .isEqualTo("mongodb://db/pxe");
    }

    @Test
    void invalidUri_isRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> MongoStoreConfig.defaults("mongodb://user:hunter2@", "pxe"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("hunter2")
                .hasNoCause();
        assertThatThrownBy(() -> MongoStoreConfig.defaults("http://user:hunter2@db", "pxe"))
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void invalidDatabaseOrTimeouts_areRefused() {
        assertThatThrownBy(() -> MongoStoreConfig.defaults("mongodb://db", "a.b"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                MongoStoreConfig.defaults("mongodb://db", "pxe")
                                        .withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

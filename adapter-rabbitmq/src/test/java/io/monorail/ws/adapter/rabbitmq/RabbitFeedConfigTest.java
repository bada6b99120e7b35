package io.monorail.ws.adapter.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.monorail.ws.adapter.rabbitmq.RabbitFeedConfig.StreamMode;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RabbitFeedConfigTest {

    @Test
    void maskedUri_hidesThePasswordOnly() {
        RabbitFeedConfig config =
                RabbitFeedConfig.defaults(URI.create("amqp://monorail:s3cret@rabbit:5672/rackhd"));

        assertThat(config.maskedUri()).isEqualTo("amqp://monorail:***@rabbit:5672/rackhd");
        assertThat(config.toString()).doesNotContain("s3cret").contains("monorail:***@");
    }

    @Test
    void uriWithoutPassword_isShownAsIs() {
        assertThat(RabbitFeedConfig.defaults(URI.create("amqp://rabbit")).maskedUri())
                .isEqualTo("amqp://rabbit");
    }

    @Test
    void defaults_matchTheDocumentedValues() {
        RabbitFeedConfig config = RabbitFeedConfig.defaults(URI.create("amqp://rabbit"));

        assertThat(config.prefetch()).isEqualTo(256);
        assertThat(config.initialBackoff()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.maxBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.connectionName()).isEqualTo("monorail-ws");
    }

    @Test
    void wrongScheme_isRejectedWithoutShowingThePassword() {
        assertThatThrownBy(() -> RabbitFeedConfig.defaults(URI.create("http://u:s3cret@rabbit")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("amqp://")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void uriTheClientCannotUse_isRejectedWithoutShowingThePassword() {
        // The client's own message would quote the whole user info.
        RabbitFeedConfig config =
                RabbitFeedConfig.defaults(URI.create("amqp://u:s3cret:more@rabbit"));

        assertThatThrownBy(() -> new RabbitEventFeed(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("s3cret")
                .hasNoCause();
    }

    @Test
    void outOfRangeValues_areRejected() {
        URI uri = URI.create("amqp://rabbit");
        Duration second = Duration.ofSeconds(1);
        assertThatThrownBy(() -> new RabbitFeedConfig(uri, Duration.ZERO, second, 1, "n"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RabbitFeedConfig(uri, second, Duration.ofMillis(1), 1, "n"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RabbitFeedConfig(uri, second, second, 0, "n"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RabbitFeedConfig(uri, second, second, 65_536, "n"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RabbitFeedConfig(uri, second, second, 1, " "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaults_areQueueMode_andAStreamModeIsAddedWithAWither() {
        RabbitFeedConfig queue = RabbitFeedConfig.defaults(URI.create("amqp://rabbit"));
        StreamMode stream =
                new StreamMode(
                        "monorail.events", Set.of("on.events"), Duration.ofMinutes(5), 1 << 20);

        RabbitFeedConfig cluster = queue.withStreamMode(stream);

        assertThat(queue.streamMode()).isNull();
        assertThat(cluster.streamMode()).isEqualTo(stream);
        assertThat(cluster.withStreamMode(null)).isEqualTo(queue);
        assertThat(stream.maxSegmentSizeBytes()).as("the broker's default").isZero();
        assertThat(cluster.toString()).contains("monorail.events");
    }

    @Test
    void streamMaxAge_isSentInWholeSeconds_neverShorter() {
        assertThat(streamAged(Duration.ofMinutes(5)).maxAgeArgument()).isEqualTo("300s");
        assertThat(streamAged(Duration.ofMillis(1_500)).maxAgeArgument()).isEqualTo("2s");
        assertThat(streamAged(Duration.ofMillis(1)).maxAgeArgument()).isEqualTo("1s");
    }

    @Test
    void streamExchanges_keepTheirOrder_andCannotBeChanged() {
        Set<String> exchanges = new LinkedHashSet<>(List.of("b", "a", "c"));
        StreamMode stream = new StreamMode("s", exchanges, Duration.ofMinutes(1), 1);
        exchanges.add("d");

        assertThat(stream.exchanges()).containsExactly("b", "a", "c");
        assertThatThrownBy(() -> stream.exchanges().add("e"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void invalidStreamModes_areRejected() {
        Duration minute = Duration.ofMinutes(1);
        Set<String> one = Set.of("on.events");
        assertThatThrownBy(() -> new StreamMode(" ", one, minute, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank");
        assertThatThrownBy(() -> new StreamMode("amq.events", one, minute, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StreamMode("x".repeat(256), one, minute, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StreamMode("s", Set.of(), minute, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one exchange");
        assertThatThrownBy(() -> new StreamMode("s", Set.of(""), minute, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StreamMode("s", one, Duration.ZERO, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxAge");
        assertThatThrownBy(() -> new StreamMode("s", one, minute.negated(), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StreamMode("s", one, minute, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxLengthBytes");
        assertThatThrownBy(() -> new StreamMode("s", one, minute, 1, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxSegmentSizeBytes");
        assertThatThrownBy(() -> new StreamMode(null, one, minute, 1))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new StreamMode("s", null, minute, 1))
                .isInstanceOf(NullPointerException.class);
    }

    private static StreamMode streamAged(Duration maxAge) {
        return new StreamMode("s", Set.of("on.events"), maxAge, 1);
    }
}

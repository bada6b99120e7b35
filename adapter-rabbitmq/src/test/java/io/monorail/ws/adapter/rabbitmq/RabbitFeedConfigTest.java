package io.monorail.ws.adapter.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
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
}

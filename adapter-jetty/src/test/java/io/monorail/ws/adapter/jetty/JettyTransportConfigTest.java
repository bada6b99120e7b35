package io.monorail.ws.adapter.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JettyTransportConfigTest {
    private static final Duration S = Duration.ofSeconds(1);

    @Test
    void defaults_areLoopbackOn9100WithTheDocumentedLimits() {
        assertThat(JettyTransportConfig.defaults())
                .isEqualTo(
                        new JettyTransportConfig(
                                "127.0.0.1",
                                9100,
                                65_536,
                                Duration.ofSeconds(25),
                                Duration.ofSeconds(60),
                                1024,
                                4L * 1024 * 1024));
    }

    @Test
    void portZero_meansEphemeral_andIsValid() {
        assertThat(new JettyTransportConfig("0.0.0.0", 0, 1, S, S, 1).port()).isZero();
    }

    @Test
    void invalidValues_areRejectedWithTheirName() {
        assertThatThrownBy(() -> new JettyTransportConfig(" ", 0, 1, S, S, 1))
                .hasMessageContaining("host");
        assertThatThrownBy(() -> new JettyTransportConfig(null, 0, 1, S, S, 1))
                .hasMessageContaining("host");
        assertThatThrownBy(() -> new JettyTransportConfig("h", -1, 1, S, S, 1))
                .hasMessageContaining("port");
        assertThatThrownBy(() -> new JettyTransportConfig("h", 65_536, 1, S, S, 1))
                .hasMessageContaining("port");
        assertThatThrownBy(() -> new JettyTransportConfig("h", 0, 0, S, S, 1))
                .hasMessageContaining("maxFrameBytes");
        assertThatThrownBy(() -> new JettyTransportConfig("h", 0, 1, Duration.ZERO, S, 1))
                .hasMessageContaining("pingInterval");
        assertThatThrownBy(() -> new JettyTransportConfig("h", 0, 1, S, Duration.ofMillis(-5), 1))
                .hasMessageContaining("idleTimeout");
        assertThatThrownBy(() -> new JettyTransportConfig("h", 0, 1, S, null, 1))
                .hasMessageContaining("idleTimeout");
        assertThatThrownBy(() -> new JettyTransportConfig("h", 0, 1, S, S, 0))
                .hasMessageContaining("maxOutgoingFrames");
        assertThatThrownBy(() -> new JettyTransportConfig("h", 0, 1, S, S, 1, 0))
                .hasMessageContaining("maxOutgoingBytes");
    }
}

package io.monorail.ws.load.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventBodyTest {

    @Test
    void body_hasTheRequestedSizeAndIsJson() throws Exception {
        byte[] body = EventBody.encode(3, 12345, 1_764_500_000_123_456L, 256);

        assertThat(body).hasSize(256);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        assertThat(json.get("loadSeq").asLong()).isEqualTo(12345);
        assertThat(json.get("sentMicros").asLong()).isEqualTo(1_764_500_000_123_456L);
    }

    @Test
    void tooSmallASize_givesTheShortestBody() {
        byte[] body = EventBody.encode(1, 1, 1, 10);

        assertThat(new String(body, StandardCharsets.US_ASCII))
                .isEqualTo("{\"loadPhase\":1,\"loadSeq\":1,\"sentMicros\":1,\"pad\":\"\"}");
    }

    @Test
    void fields_areFoundInsideAGatewayFrame() {
        String body = new String(EventBody.encode(2, 77, 999, 100), StandardCharsets.US_ASCII);
        String frame =
                "{\"handler\":\"item\",\"type\":\"mq\",\"id\":\"load.1\",\"data\":"
                        + body
                        + ",\"seq\":78}";

        assertThat(EventBody.find(frame)).isEqualTo(new EventBody.Fields(2, 77, 999));
    }

    @Test
    void textWithoutAnEvent_hasNoFields() {
        assertThat(EventBody.find("{\"handler\":\"session\",\"id\":\"abc\"}")).isNull();
    }

    @Test
    void nowMicros_isEpochMicroseconds() {
        long millis = System.currentTimeMillis();

        assertThat(EventBody.nowMicros() / 1000).isBetween(millis - 1000, millis + 1000);
    }
}

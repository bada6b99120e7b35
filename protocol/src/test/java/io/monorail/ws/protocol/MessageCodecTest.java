package io.monorail.ws.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageCodecTest {
    private final MessageCodec codec = new MessageCodec(8);

    @Test
    void wellFormedFrame_exposesItsFields() throws Exception {
        Message message =
                codec.decode(
                        "{\"handler\":\"watch\",\"type\":\"mq\",\"params\":{\"exchange\":\"on.test\"},"
                                + "\"ref\":7,\"seq\":12,\"snapshot\":true}");

        assertThat(message.handler()).isEqualTo("watch");
        assertThat(message.type()).isEqualTo("mq");
        assertThat(message.typeField()).isEqualTo(TypeField.TYPE);
        assertThat(message.params().get("exchange").textValue()).isEqualTo("on.test");
        assertThat(message.ref().intValue()).isEqualTo(7);
        assertThat(message.seq()).hasValue(12);
        assertThat(message.flag("snapshot")).isTrue();
    }

    @Test
    void resourceField_isAcceptedAsTheType() throws Exception {
        Message message = codec.decode("{\"handler\":\"all\",\"resource\":\"nodes\"}");

        assertThat(message.type()).isEqualTo("nodes");
        assertThat(message.typeField()).isEqualTo(TypeField.RESOURCE);
    }

    @Test
    void nullResource_meansNoType() throws Exception {
        Message message = codec.decode("{\"handler\":\"stop\",\"resource\":null,\"params\":null}");

        assertThat(message.typeNode()).isNull();
        assertThat(message.params()).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "{",
                "{\"handler\":}",
                "nul",
                "{\"handler\":\"init\"} {}",
                "{'a':1}"
            })
    void malformedJson_isBadJson(String text) {
        assertThatThrownBy(() -> codec.decode(text))
                .isInstanceOfSatisfying(
                        ProtocolException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_JSON));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"handler\":\"init\"}]", "\"init\"", "42", "null", "true"})
    void frameThatIsNotAnObject_isBadJson(String text) {
        assertThatThrownBy(() -> codec.decode(text))
                .isInstanceOfSatisfying(
                        ProtocolException.class,
                        e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.BAD_JSON);
                            assertThat(e.getMessage()).contains("object");
                        });
    }

    @Test
    void duplicateKey_isBadJsonNamingTheKey() {
        assertThatThrownBy(() -> codec.decode("{\"handler\":\"init\",\"handler\":\"watch\"}"))
                .isInstanceOfSatisfying(
                        ProtocolException.class,
                        e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.BAD_JSON);
                            assertThat(e.getMessage()).contains("handler");
                        });
    }

    @Test
    void nestingDeeperThanTheLimit_isBadJson() {
        String deep = "{\"handler\":\"query\",\"params\":" + "[".repeat(10) + "]".repeat(10) + "}";

        assertThatThrownBy(() -> codec.decode(deep))
                .isInstanceOfSatisfying(
                        ProtocolException.class,
                        e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.BAD_JSON);
                            assertThat(e.getMessage()).contains("nesting");
                        });
    }

    @Test
    void nestingAtTheLimit_isAccepted() throws Exception {
        String atLimit = "{\"handler\":\"query\",\"params\":" + "[".repeat(7) + "]".repeat(7) + "}";

        assertThat(codec.decode(atLimit).handler()).isEqualTo("query");
    }

    @Test
    void missingHandler_isMissingHandlerAndKeepsTheFrameForRef() {
        assertThatThrownBy(() -> codec.decode("{\"type\":\"nodes\",\"ref\":\"r1\"}"))
                .isInstanceOfSatisfying(
                        ProtocolException.class,
                        e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.MISSING_HANDLER);
                            assertThat(e.frame().get("ref").textValue()).isEqualTo("r1");
                        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "null", "{}", "[\"init\"]", "true"})
    void handlerThatIsNotAString_isMissingHandler(String handler) {
        assertThatThrownBy(() -> codec.decode("{\"handler\":" + handler + "}"))
                .isInstanceOfSatisfying(
                        ProtocolException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.MISSING_HANDLER));
    }

    @Test
    void errorMessages_doNotEchoSourceText() {
        assertThatThrownBy(() -> codec.decode("{\"handler\": secret-token-123}"))
                .isInstanceOfSatisfying(
                        ProtocolException.class,
                        e -> assertThat(e.getMessage()).doesNotContain("Source"));
    }

    @Test
    void jsonBody_isReadAsJson() {
        JsonNode body = codec.readBody("{\"a\":[1,2]}".getBytes(StandardCharsets.UTF_8));

        assertThat(body.get("a").size()).isEqualTo(2);
    }

    @Test
    void textBody_isReadAsAJsonString() {
        JsonNode body = codec.readBody("not json at all".getBytes(StandardCharsets.UTF_8));

        assertThat(body.isTextual()).isTrue();
        assertThat(body.textValue()).isEqualTo("not json at all");
    }

    @Test
    void bodyThatIsNotUtf8_isStillAString() {
        JsonNode body = codec.readBody(new byte[] {(byte) 0xff, (byte) 0xfe, 'x'});

        assertThat(body.isTextual()).isTrue();
        assertThat(body.textValue()).endsWith("x");
    }

    @Test
    void encode_roundTrips() throws Exception {
        Message message =
                codec.decode("{\"handler\":\"item\",\"type\":\"mq\",\"data\":{\"x\":\"é\"}}");

        assertThat(codec.decode(codec.encode(message)).json()).isEqualTo(message.json());
    }
}

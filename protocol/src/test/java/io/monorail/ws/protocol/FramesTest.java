package io.monorail.ws.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

class FramesTest {
    private final MessageCodec codec = new MessageCodec();

    @Test
    void error_carriesCodeMessageAndTruncatedRequestInParams() {
        String request = "x".repeat(1000);

        ObjectNode frame =
                Frames.error(TypeField.RESOURCE, "nodes", ErrorCode.BAD_PARAMS, "bad", request);

        assertThat(frame.get("handler").textValue()).isEqualTo("error");
        assertThat(frame.get("resource").textValue()).isEqualTo("nodes");
        assertThat(frame.has("type")).isFalse();
        assertThat(frame.at("/params/code").textValue()).isEqualTo("bad_params");
        assertThat(frame.at("/params/message").textValue()).isEqualTo("bad");
        assertThat(frame.at("/params/request").textValue())
                .hasSize(Frames.MAX_ECHOED_REQUEST_CHARS + 3);
    }

    @Test
    void errorWithoutType_hasANullType() {
        ObjectNode frame = Frames.error(TypeField.TYPE, null, ErrorCode.BAD_JSON, "bad", null);

        assertThat(frame.get("type").isNull()).isTrue();
    }

    @Test
    void remove_repeatsTheIdInParams() {
        ObjectNode frame = Frames.remove(TypeField.TYPE, "nodes", TextNode.valueOf("n1"), null);

        assertThat(frame.at("/params/id").textValue()).isEqualTo("n1");
        assertThat(frame.has("data")).isFalse();
    }

    @Test
    void sharedFrame_rendersTheSameJsonAsAFreshFrame() throws Exception {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        fields.put("id", "graph.started.g1");
        fields.putObject("data").put("graphId", "g1").put("quote", "a\"b");
        SharedFrame shared = SharedFrame.of(codec, "item", "workflows", fields);

        String rendered =
                shared.renderText(
                        TypeField.RESOURCE,
                        42,
                        SharedFrame.encodeRef(codec, TextNode.valueOf("w1")));

        ObjectNode expected =
                Frames.item(TypeField.RESOURCE, "workflows", fields.get("id"), fields.get("data"));
        expected.put("seq", 42).put("ref", "w1");
        assertThat(codec.decode(rendered).json()).isEqualTo(expected);
    }

    @Test
    void sharedFrameWithoutRef_hasNoRef() throws Exception {
        ObjectNode fields = JsonNodeFactory.instance.objectNode().put("id", "k");
        SharedFrame shared = SharedFrame.of(codec, "item", "mq", fields);

        Message message = codec.decode(shared.renderText(TypeField.TYPE, 1, null));

        assertThat(message.ref()).isNull();
        assertThat(message.type()).isEqualTo("mq");
        assertThat(message.seq()).hasValue(1);
    }

    @Test
    void sharedFrame_splicesEverySeqExactly_andKeepsUnicodeIntact() throws Exception {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        fields.put("id", "k").putObject("data").put("name", "n\u00f6de \u2603 \ud83d\ude80");
        SharedFrame shared = SharedFrame.of(codec, "item", "nodes", fields);
        byte[] ref = SharedFrame.encodeRef(codec, JsonNodeFactory.instance.numberNode(7));

        for (long seq : new long[] {0, 1, 9, 10, 99, 100, 123_456_789L, Long.MAX_VALUE}) {
            byte[] frame = shared.render(TypeField.TYPE, seq, ref);
            Message message =
                    codec.decode(new String(frame, java.nio.charset.StandardCharsets.UTF_8));

            assertThat(message.seq()).hasValue(seq);
            assertThat(message.ref().intValue()).isEqualTo(7);
            assertThat(message.data().get("name").textValue())
                    .isEqualTo("n\u00f6de \u2603 \ud83d\ude80");
        }
    }

    @Test
    void sharedFrameWithoutFieldsOrType_isStillOneObject() throws Exception {
        SharedFrame shared =
                SharedFrame.of(codec, "error", null, JsonNodeFactory.instance.objectNode());

        Message message = codec.decode(shared.renderText(TypeField.TYPE, 3, null));

        assertThat(message.handler()).isEqualTo("error");
        assertThat(message.json().get("type").isNull()).isTrue();
        assertThat(message.seq()).hasValue(3);
    }
}

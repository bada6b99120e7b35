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
                shared.render(
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

        Message message = codec.decode(shared.render(TypeField.TYPE, 1, null));

        assertThat(message.ref()).isNull();
        assertThat(message.type()).isEqualTo("mq");
        assertThat(message.seq()).hasValue(1);
    }
}

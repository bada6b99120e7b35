package io.monorail.ws.load.stomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StompCodecTest {

    @Test
    void connect_isWrittenWithoutEscaping() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("accept-version", "1.2");
        headers.put("host", "/");
        headers.put("login", "guest");
        headers.put("passcode", "a:b");

        String text = StompCodec.encode(StompFrame.of("CONNECT", headers));

        assertThat(text)
                .isEqualTo("CONNECT\naccept-version:1.2\nhost:/\nlogin:guest\npasscode:a:b\n\n\0");
    }

    @Test
    void subscribe_escapesColonsNewlinesAndBackslashesInHeaders() {
        String text =
                StompCodec.encode(
                        StompFrame.of("SUBSCRIBE", Map.of("destination", "/exchange/x/a:b\\c\nd")));

        assertThat(text).isEqualTo("SUBSCRIBE\ndestination:/exchange/x/a\\cb\\\\c\\nd\n\n\0");
        assertThat(StompCodec.decodeAll(text).get(0).header("destination"))
                .isEqualTo("/exchange/x/a:b\\c\nd");
    }

    @Test
    void message_bodyAndHeadersAreDecoded() {
        String text =
                "MESSAGE\nsubscription:0\ndestination:/exchange/on.events/load.1\n"
                        + "message-id:T_0@@session-1@@1\ncontent-length:13\n\n{\"loadSeq\":1}\0";

        List<StompFrame> frames = StompCodec.decodeAll(text);

        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).command()).isEqualTo("MESSAGE");
        assertThat(frames.get(0).header("subscription")).isEqualTo("0");
        assertThat(frames.get(0).body()).isEqualTo("{\"loadSeq\":1}");
    }

    @Test
    void contentLength_countsUtf8OctetsAndAllowsNulInTheBody() {
        String body = "é\0x"; // 2 + 1 + 1 octets
        String text = "MESSAGE\ncontent-length:4\n\n" + body + "\0";

        assertThat(StompCodec.decodeAll(text).get(0).body()).isEqualTo(body);
    }

    @Test
    void heartBeatsAndSeveralFramesInOneMessage_areSplit() {
        String text = "\n\r\nRECEIPT\nreceipt-id:subscribed\n\n\0\nCONNECTED\nversion:1.2\n\n\0\n";

        List<StompFrame> frames = StompCodec.decodeAll(text);

        assertThat(frames).extracting(StompFrame::command).containsExactly("RECEIPT", "CONNECTED");
        assertThat(frames.get(0).header("receipt-id")).isEqualTo("subscribed");
        assertThat(StompCodec.decodeAll("\n")).isEmpty();
    }

    @Test
    void crlfLinesAndRepeatedHeaders_firstValueWins() {
        String text = "MESSAGE\r\nfoo:first\r\nfoo:second\r\n\r\nbody\0";

        StompFrame frame = StompCodec.decodeAll(text).get(0);

        assertThat(frame.header("foo")).isEqualTo("first");
        assertThat(frame.body()).isEqualTo("body");
    }

    @Test
    void connected_isNotUnescaped() {
        StompFrame frame = StompCodec.decodeAll("CONNECTED\nserver:RabbitMQ\\c3.10\n\n\0").get(0);

        assertThat(frame.header("server")).isEqualTo("RabbitMQ\\c3.10");
    }

    @Test
    void encodeThenDecode_givesTheSameFrame() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("id", "0");
        headers.put("receipt", "r:1");
        StompFrame frame = new StompFrame("SEND", headers, "{\"a\":1}");

        assertThat(StompCodec.decodeAll(StompCodec.encode(frame))).containsExactly(frame);
    }

    @Test
    void brokenFrames_areRejected() {
        assertThatThrownBy(() -> StompCodec.decodeAll("MESSAGE\nfoo:bar\n\nno terminator"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StompCodec.decodeAll("MESSAGE\nfoo:\\t\n\n\0"))
                .hasMessageContaining("undefined STOMP escape");
        assertThatThrownBy(() -> StompCodec.decodeAll("MESSAGE\ncontent-length:9\n\nshort\0"))
                .hasMessageContaining("content-length");
        assertThatThrownBy(() -> StompCodec.decodeAll("MESSAGE\nnocolon\n\n\0"))
                .hasMessageContaining("bad STOMP header");
    }
}

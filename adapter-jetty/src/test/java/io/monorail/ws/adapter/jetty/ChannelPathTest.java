package io.monorail.ws.adapter.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelPathTest {
    @ParameterizedTest
    @CsvSource({
        "/nodes, nodes",
        "/graphObjs, graphObjs",
        "/task_defs-v1.2, task_defs-v1.2",
        "/%6Eodes, nodes",
    })
    void singleValidSegment_isTheChannel(String path, String channel) {
        assertThat(ChannelPath.parse(path)).isEqualTo(new ChannelPath.Parsed(true, channel));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", ""})
    void root_isNoChannel(String path) {
        assertThat(ChannelPath.parse(path)).isEqualTo(ChannelPath.Parsed.ROOT);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/nodes/1",
                "/nodes/",
                "//nodes",
                "/no des",
                "/no%20des",
                "/a+b",
                "/%2E%2E",
                "/.",
                "/..",
                "/x%zz",
                "/%2Fnodes",
                "/n%C3%B6des",
                "nodes"
            })
    void anythingElse_isInvalid(String path) {
        assertThat(ChannelPath.parse(path).valid()).as(path).isFalse();
    }

    @org.junit.jupiter.api.Test
    void overlongChannel_isInvalid() {
        assertThat(ChannelPath.parse("/" + "a".repeat(ChannelPath.MAX_LENGTH)).valid()).isTrue();
        assertThat(ChannelPath.parse("/" + "a".repeat(ChannelPath.MAX_LENGTH + 1)).valid())
                .isFalse();
    }
}

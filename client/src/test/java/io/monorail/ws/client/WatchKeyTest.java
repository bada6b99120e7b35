package io.monorail.ws.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

/** Watch identity matches the server's: key order and null-vs-empty params do not matter. */
class WatchKeyTest {

    @Test
    void keyOrder_doesNotMatter_atAnyDepth() {
        assertThat(
                        WatchKey.of(
                                "nodes",
                                GatewayTestSupport.json("{'a':1,'b':{'x':1,'y':[{'p':1,'q':2}]}}")))
                .isEqualTo(
                        WatchKey.of(
                                "nodes",
                                GatewayTestSupport.json(
                                        "{'b':{'y':[{'q':2,'p':1}],'x':1},'a':1}")));
    }

    @Test
    void noParams_andEmptyParams_areTheSameWatch() {
        assertThat(WatchKey.of("nodes", null))
                .isEqualTo(WatchKey.of("nodes", JsonNodeFactory.instance.objectNode()));
    }

    @Test
    void typeAndValues_tellWatchesApart() {
        assertThat(WatchKey.of("nodes", GatewayTestSupport.json("{'a':1}")))
                .isNotEqualTo(WatchKey.of("skus", GatewayTestSupport.json("{'a':1}")))
                .isNotEqualTo(WatchKey.of("nodes", GatewayTestSupport.json("{'a':2}")));
    }
}

package io.monorail.ws.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monorail.ws.protocol.Frames;
import io.monorail.ws.protocol.Message;
import io.monorail.ws.protocol.MessageCodec;
import io.monorail.ws.protocol.ProtocolException;
import io.monorail.ws.protocol.TypeField;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The strict codec: decoding a client's request, encoding an answer of 20 RackHD nodes. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark {
    private final MessageCodec codec = new MessageCodec();
    private final String watchRequest =
            "{\"handler\":\"watch\",\"resource\":\"nodes\",\"params\":{\"type\":\"compute\","
                    + "\"tags\":{\"$in\":[\"rack-7\",\"rack-8\"]}},\"snapshot\":true,\"ref\":42}";
    private ObjectNode listOfNodes;

    @Setup
    public void setUp() {
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < 20; i++) {
            ObjectNode node = items.addObject();
            node.put("id", String.format("6650c0ffee0000000000%04x", i));
            node.put("name", "52:54:00:3e:11:" + i);
            node.put("type", "compute");
            node.putArray("tags").add("rack-7");
            node.put("createdAt", "2026-12-01T10:00:00.000Z");
            node.put("updatedAt", "2026-12-01T10:05:00.000Z");
        }
        listOfNodes = Frames.list(TypeField.RESOURCE, "nodes", items);
    }

    @Benchmark
    public Message decodeWatchRequest() throws ProtocolException {
        return codec.decode(watchRequest);
    }

    @Benchmark
    public String encodeListOf20Nodes() {
        return codec.encode(listOfNodes);
    }
}

package io.monorail.ws.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monorail.ws.protocol.MessageCodec;
import io.monorail.ws.protocol.SharedFrame;
import io.monorail.ws.protocol.TypeField;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Frame rendering on the delivery path: an event encoded once for all recipients, then spliced with
 * {@code seq} and {@code ref} for each (256-byte body).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RenderBenchmark {
    private final MessageCodec codec = new MessageCodec();
    private ObjectNode fields;
    private SharedFrame frame;
    private byte[] ref;
    private long seq = 1_000_000;

    @Setup
    public void setUp() {
        fields = JsonNodeFactory.instance.objectNode();
        fields.put("id", "graph.progress.updated.information.5f1c7a1e.6650c0ffee");
        ObjectNode data = fields.putObject("data");
        data.put("type", "graph").put("action", "progress.updated").put("typeId", "5f1c7a1e");
        data.put("nodeId", "6650c0ffee0000000000a1b2").put("severity", "information");
        data.put("description", "x".repeat(120));
        frame = SharedFrame.of(codec, "item", "workflows", fields);
        ref = SharedFrame.encodeRef(codec, JsonNodeFactory.instance.textNode("w-17"));
    }

    /** Once per event and resource. */
    @Benchmark
    public SharedFrame encodeOncePerEvent() {
        return SharedFrame.of(codec, "item", "workflows", fields);
    }

    /** Once per recipient. */
    @Benchmark
    public byte[] renderForOneRecipient() {
        return frame.render(TypeField.RESOURCE, seq++, ref);
    }
}

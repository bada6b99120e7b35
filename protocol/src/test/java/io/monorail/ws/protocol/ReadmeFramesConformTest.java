package io.monorail.ws.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every frame example of the README that is JSON validates against the client or the gateway frame
 * schema, so the README and the AsyncAPI document cannot drift apart unnoticed.
 */
class ReadmeFramesConformTest {
    // Surefire runs in the module's directory; the README is at the top of the tree.
    private static final Path README = Path.of("..", "README.md");

    private final MessageCodec codec = new MessageCodec();
    private final FrameSchemas schemas = new FrameSchemas();
    private final Schema client = schemas.clientFrame();
    private final Schema server = schemas.serverFrame();

    @Test
    void everyJsonFrameOfTheReadme_isAClientOrAGatewayFrame() throws Exception {
        List<String> examples = ReadmeFrames.in(Files.readString(README));
        Map<String, List<String>> failures = new LinkedHashMap<>();
        List<String> templates = new ArrayList<>();
        int checked = 0;
        for (String example : examples) {
            ObjectNode frame;
            try {
                frame = codec.parseObject(example);
            } catch (ProtocolException placeholders) {
                templates.add(example); // e.g. "type":T or "data":{...}: a shape, not a frame
                continue;
            }
            checked++;
            if (!FrameSchemas.problems(client, frame).isEmpty()
                    && !FrameSchemas.problems(server, frame).isEmpty()) {
                failures.put(example, explain(frame));
            }
        }

        assertThat(failures).as("README frames that match no schema").isEmpty();
        // Guards the extraction: the README shows 20 frames that are real JSON (and more shapes).
        assertThat(checked)
                .as("README frames checked (templates skipped: %s)", templates)
                .isGreaterThanOrEqualTo(15);
    }

    /** What the schemas of the frame's handler find wrong with it. */
    private List<String> explain(ObjectNode frame) {
        String handler = frame.path("handler").asText();
        List<String> problems = new ArrayList<>();
        for (String union : List.of("ClientFrame", "ServerFrame")) {
            for (String member : FrameSchemas.members(union, handler)) {
                FrameSchemas.problems(schemas.schema(member), frame)
                        .forEach(p -> problems.add(member + ": " + p));
            }
        }
        return problems.isEmpty() ? List.of("unknown handler '" + handler + "'") : problems;
    }

    @Test
    void extraction_findsSpansTableCellsAndDirectedBlockLines() {
        String markdown =
                "| a | `{\"handler\":\"session\",\"resumed\":true\\|false}` |\n"
                        + "text `{\"handler\":\"error\",\n  \"type\":null}` and `{\"id\":1}`\n"
                        + "```\n> {\"handler\":\"init\"}\n< {\"handler\":\"session\",\"id\":\"x\"}\n"
                        + "plain line\n```\n";

        assertThat(ReadmeFrames.in(markdown))
                .containsExactly(
                        "{\"handler\":\"init\"}",
                        "{\"handler\":\"session\",\"id\":\"x\"}",
                        "{\"handler\":\"session\",\"resumed\":true|false}",
                        "{\"handler\":\"error\", \"type\":null}");
    }
}

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
 * Every frame of the README, example or shape (with a value in each placeholder), validates against
 * the client or the gateway frame schema, so the README and the AsyncAPI document cannot drift
 * apart unnoticed.
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
                // e.g. "type":T or "data":{...}: a shape, checked with a value in each placeholder
                templates.add(example);
                try {
                    frame = codec.parseObject(ReadmeTemplates.instantiate(example));
                } catch (ProtocolException unknown) {
                    failures.put(example, List.of("a placeholder ReadmeTemplates does not know"));
                    continue;
                }
            }
            checked++;
            if (!FrameSchemas.problems(client, frame).isEmpty()
                    && !FrameSchemas.problems(server, frame).isEmpty()) {
                failures.put(example, explain(frame));
            }
        }

        assertThat(failures).as("README frames and shapes that match no schema").isEmpty();
        // Guards the extraction: the README shows about 20 frames and 20 shapes.
        assertThat(checked - templates.size()).as("README frames that are JSON").isGreaterThan(15);
        assertThat(templates).as("README frame shapes").hasSizeGreaterThan(15);
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
    void shapes_getAValueInEachPlaceholder() {
        assertThat(
                        ReadmeTemplates.instantiate(
                                "{\"handler\":\"query\",\"type\":T,\"params\":{filter},\"limit\":n,"
                                        + "\"sort\":{\"f\":1|-1},\"fields\":[\"f\",...],\"id\":...}"))
                .isEqualTo(
                        "{\"handler\":\"query\",\"type\":\"nodes\",\"params\":{},\"limit\":1,"
                                + "\"sort\":{\"f\":1},\"fields\":[\"f\"],\"id\":\"x\"}");
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

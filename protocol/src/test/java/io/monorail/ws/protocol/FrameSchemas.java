package io.monorail.ws.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The AsyncAPI document on the class path and the JSON Schemas of its frames, checked by
 * networknt's validator.
 */
final class FrameSchemas {
    /** Where the gateway serves the document from (adapter-jetty's WebAssets). */
    static final String RESOURCE = "monorail/asyncapi.json";

    private static final String SCHEMAS = "classpath:" + RESOURCE + "#/components/schemas/";

    // AsyncAPI 3's default schema format is a superset of JSON Schema draft 07.
    private final SchemaRegistry registry =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);

    /** The document as a JSON tree. */
    static JsonNode document() {
        try (InputStream in = FrameSchemas.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema {@code components/schemas/<name>} of the document. */
    Schema schema(String name) {
        return registry.getSchema(SchemaLocation.of(SCHEMAS + name));
    }

    /** The schema a JSON pointer into the document names, e.g. a message's payload. */
    Schema at(String pointer) {
        return registry.getSchema(SchemaLocation.of("classpath:" + RESOURCE + "#" + pointer));
    }

    /** Every frame a client may send. */
    Schema clientFrame() {
        return schema("ClientFrame");
    }

    /** Every frame the gateway may send. */
    Schema serverFrame() {
        return schema("ServerFrame");
    }

    /**
     * The names of the members of a union ({@code ClientFrame}, {@code ServerFrame}) for frames of
     * {@code handler}: their findings say more than the union's "not one of".
     */
    static List<String> members(String union, String handler) {
        JsonNode doc = document();
        List<String> names = new ArrayList<>();
        for (JsonNode member : doc.at("/components/schemas/" + union + "/oneOf")) {
            String pointer = member.path("$ref").asText().substring(1);
            if (doc.at(pointer + "/properties/handler/const").asText().equals(handler)) {
                names.add(pointer.substring(pointer.lastIndexOf('/') + 1));
            }
        }
        return names;
    }

    /** The validator's findings, one line each; empty when {@code frame} conforms. */
    static List<String> problems(Schema schema, JsonNode frame) {
        return schema.validate(frame).stream().map(Error::toString).toList();
    }
}

package io.monorail.ws.domain.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** How error messages name the JSON type of a value a client sent. */
final class JsonTypeNames {
    private JsonTypeNames() {}

    /** The JSON type of a client value, with its article, for messages: "a string". */
    static String typeOf(JsonNode value) {
        return switch (value.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "a " + value.getNodeType().name().toLowerCase(Locale.ROOT) + " value";
        };
    }
}

package io.monorail.ws.domain.filter;

import static io.monorail.ws.domain.filter.FilterException.badParams;
import static io.monorail.ws.protocol.ClientText.quote;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Checks a value the filter compares against (an equality value, the elements of {@code $in} or
 * {@code $all}): it must be plain data, because MongoDB would read a {@code $} key inside it as an
 * operator, or store it, in ways the gateway does not evaluate.
 */
final class LiteralValues {
    private LiteralValues() {}

    /** Returns {@code value} when it holds no {@code $} key and no key with a NUL character. */
    static JsonNode requirePlain(JsonNode value, String field) throws FilterException {
        // Recursion is bounded: FilterScan has already capped the depth of the whole filter.
        if (value.isObject()) {
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                String key = entry.getKey();
                if (Operator.isOperatorKey(key)) {
                    Operator.require(key);
                    throw badParams(
                            "the value for field "
                                    + quote(field)
                                    + " contains the operator "
                                    + quote(key)
                                    + "; operators are only allowed as {field: {operator: value}}");
                }
                if (key.indexOf('\0') >= 0) {
                    throw badParams(
                            "the value for field "
                                    + quote(field)
                                    + " has a key with a NUL character");
                }
                requirePlain(entry.getValue(), field);
            }
        } else if (value.isArray()) {
            for (JsonNode element : value) {
                requirePlain(element, field);
            }
        }
        return value;
    }
}

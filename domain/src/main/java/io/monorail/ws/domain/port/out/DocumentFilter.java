package io.monorail.ws.domain.port.out;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A filter in the safe subset of MongoDB's query language, as data: the domain validates every
 * filter (operators, field names, depth, regex size) before it makes one, so a store may translate
 * it as it is. {@code {}} matches every document.
 */
public record DocumentFilter(ObjectNode json) {
    public DocumentFilter {
        Objects.requireNonNull(json, "json");
        json = json.deepCopy();
    }

    /** The filter's JSON; a copy, so callers cannot change this filter. */
    @Override
    public ObjectNode json() {
        return json.deepCopy();
    }
}

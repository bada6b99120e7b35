package io.monorail.ws.domain.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;

/** Test helpers: relaxed JSON (single quotes, bare keys) so filter tables stay readable. */
final class TestFilters {
    private static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
                    .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
                    .build();

    private TestFilters() {}

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Filter compile(String filter) throws FilterException {
        return Filter.compile(json(filter), FilterLimits.defaults());
    }

    static void assertMatch(String filter, String document, boolean expected)
            throws FilterException {
        assertThat(compile(filter).matches(json(document)))
                .as("%s on %s", filter, document)
                .isEqualTo(expected);
    }
}

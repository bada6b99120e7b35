package io.monorail.ws.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.monorail.ws.domain.error.RequestException;
import io.monorail.ws.domain.port.out.FindOptions;
import io.monorail.ws.protocol.ClientText;
import io.monorail.ws.protocol.ErrorCode;
import io.monorail.ws.protocol.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The paging, order and projection of a {@code query}, validated. */
final class ReadRequest {
    private ReadRequest() {}

    /**
     * Options for a read of at most {@code cap} documents. When the cap, not the client's own
     * {@code limit}, bounds the answer, the store is asked for one more document than the answer
     * may hold, so that a cut answer can say it was cut.
     */
    static FindOptions options(Message message, int cap, Duration maxTime) throws RequestException {
        int limit = cap + 1;
        JsonNode limitNode = message.get("limit");
        if (limitNode != null) {
            long asked = positive("limit", limitNode, 1);
            limit = asked > cap ? cap + 1 : (int) asked;
        }
        int skip = 0;
        JsonNode skipNode = message.get("skip");
        if (skipNode != null) {
            skip = (int) Math.min(Integer.MAX_VALUE, positive("skip", skipNode, 0));
        }
        return new FindOptions(
                limit, skip, sort(message.get("sort")), fields(message.get("fields")), maxTime);
    }

    private static long positive(String name, JsonNode node, long min) throws RequestException {
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < min) {
            throw new RequestException(
                    ErrorCode.BAD_PARAMS, name + " must be an integer of at least " + min);
        }
        return node.longValue();
    }

    private static List<FindOptions.SortField> sort(JsonNode sort) throws RequestException {
        List<FindOptions.SortField> fields = new ArrayList<>();
        if (sort == null) {
            return fields;
        }
        if (!sort.isObject()) {
            throw new RequestException(
                    ErrorCode.BAD_PARAMS,
                    "sort must be an object like {\"name\": 1, \"createdAt\": -1}");
        }
        for (Map.Entry<String, JsonNode> field : sort.properties()) {
            JsonNode direction = field.getValue();
            boolean ascending;
            if (direction.isIntegralNumber()
                    && (direction.intValue() == 1 || direction.intValue() == -1)) {
                ascending = direction.intValue() == 1;
            } else if (direction.isTextual() && direction.textValue().matches("(?i)asc|desc")) {
                ascending = direction.textValue().equalsIgnoreCase("asc");
            } else {
                throw new RequestException(
                        ErrorCode.BAD_PARAMS, "sort direction must be 1, -1, \"asc\" or \"desc\"");
            }
            fields.add(new FindOptions.SortField(fieldName("sort", field.getKey()), ascending));
        }
        return fields;
    }

    private static List<String> fields(JsonNode fields) throws RequestException {
        List<String> names = new ArrayList<>();
        if (fields == null) {
            return names;
        }
        if (fields.isArray()) {
            for (JsonNode name : fields) {
                if (!name.isTextual()) {
                    throw new RequestException(ErrorCode.BAD_PARAMS, "fields must be strings");
                }
                names.add(fieldName("fields", name.textValue()));
            }
        } else if (fields.isObject()) {
            for (Map.Entry<String, JsonNode> field : fields.properties()) {
                JsonNode on = field.getValue();
                boolean included =
                        on.isBoolean()
                                ? on.booleanValue()
                                : on.isIntegralNumber() && on.intValue() == 1;
                if (!included) {
                    throw new RequestException(
                            ErrorCode.BAD_PARAMS, "fields lists what to include: use 1 or true");
                }
                names.add(fieldName("fields", field.getKey()));
            }
        } else {
            throw new RequestException(
                    ErrorCode.BAD_PARAMS, "fields must be an array of field names");
        }
        return names;
    }

    private static String fieldName(String where, String name) throws RequestException {
        if (name.isEmpty()
                || name.startsWith("$")
                || name.indexOf('\0') >= 0
                || name.startsWith(".")
                || name.endsWith(".")
                || name.contains("..")
                || name.contains(".$")) {
            throw new RequestException(
                    ErrorCode.BAD_PARAMS,
                    where + ": '" + ClientText.abbreviate(name) + "' is not a field name");
        }
        return name;
    }
}

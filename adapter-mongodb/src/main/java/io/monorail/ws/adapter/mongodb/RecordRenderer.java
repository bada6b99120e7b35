package io.monorail.ws.adapter.mongodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Base64;
import java.util.Map;
import org.bson.BsonBinary;
import org.bson.BsonBinarySubType;
import org.bson.BsonDocument;
import org.bson.BsonRegularExpression;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * Renders a stored document as RackHD publishes records: {@code _id} becomes {@code id}, ObjectIds
 * become 24-hex strings and dates ISO-8601 strings, so a record read from the store looks like the
 * same record arriving in a change event. Key order is kept.
 */
final class RecordRenderer {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** JavaScript's {@code Date.toJSON()}, which RackHD's records carry: always milliseconds. */
    private static final DateTimeFormatter ISO_MILLIS =
            new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

    private RecordRenderer() {}

    /**
     * The record for a top-level document. Only its own {@code _id} is renamed, as RackHD does; if
     * the document also has a field {@code id}, {@code _id} wins.
     */
    static ObjectNode record(BsonDocument document) {
        ObjectNode record = JSON.objectNode();
        boolean hasMongoId = document.containsKey("_id");
        for (Map.Entry<String, BsonValue> field : document.entrySet()) {
            String key = field.getKey();
            if (key.equals("_id")) {
                record.set("id", value(field.getValue()));
            } else if (!(hasMongoId && key.equals("id"))) {
                record.set(key, value(field.getValue()));
            }
        }
        return record;
    }

    static JsonNode value(BsonValue value) {
        // Recursion is bounded: BSON documents nest at most 100 levels deep.
        return switch (value.getBsonType()) {
            case DOCUMENT -> object(value.asDocument());
            case ARRAY -> array(value);
            case STRING -> JSON.textNode(value.asString().getValue());
            case OBJECT_ID -> JSON.textNode(value.asObjectId().getValue().toHexString());
            case DATE_TIME -> JSON.textNode(date(value.asDateTime().getValue()));
            case INT32 -> JSON.numberNode(value.asInt32().getValue());
            case INT64 -> JSON.numberNode(value.asInt64().getValue());
            case DOUBLE -> doubleValue(value.asDouble().getValue());
            case DECIMAL128 -> decimal(value.asDecimal128().getValue());
            case BOOLEAN -> JSON.booleanNode(value.asBoolean().getValue());
            case NULL, UNDEFINED, END_OF_DOCUMENT -> JSON.nullNode();
            case BINARY -> binary(value.asBinary());
            case TIMESTAMP -> JSON.textNode(timestamp(value.asTimestamp()));
            case REGULAR_EXPRESSION -> JSON.textNode(regex(value.asRegularExpression()));
            case SYMBOL -> JSON.textNode(value.asSymbol().getSymbol());
            case JAVASCRIPT -> JSON.textNode(value.asJavaScript().getCode());
            case JAVASCRIPT_WITH_SCOPE -> JSON.textNode(value.asJavaScriptWithScope().getCode());
            case DB_POINTER -> JSON.textNode(value.asDBPointer().getId().toHexString());
            case MIN_KEY -> JSON.textNode("MinKey");
            case MAX_KEY -> JSON.textNode("MaxKey");
        };
    }

    private static ObjectNode object(BsonDocument document) {
        ObjectNode object = JSON.objectNode();
        document.forEach((key, value) -> object.set(key, value(value)));
        return object;
    }

    private static ArrayNode array(BsonValue array) {
        ArrayNode elements = JSON.arrayNode();
        array.asArray().forEach(element -> elements.add(value(element)));
        return elements;
    }

    private static String date(long epochMillis) {
        return ISO_MILLIS.format(Instant.ofEpochMilli(epochMillis));
    }

    /** JSON has no NaN or infinities; JavaScript's own names for them are the least surprising. */
    private static JsonNode doubleValue(double value) {
        if (Double.isNaN(value)) {
            return JSON.textNode("NaN");
        }
        if (Double.isInfinite(value)) {
            return JSON.textNode(value > 0 ? "Infinity" : "-Infinity");
        }
        return JSON.numberNode(value);
    }

    private static JsonNode decimal(Decimal128 value) {
        if (value.isNaN()) {
            return JSON.textNode("NaN");
        }
        if (value.isInfinite()) {
            return JSON.textNode(value.isNegative() ? "-Infinity" : "Infinity");
        }
        // Through the text form: bigDecimalValue() refuses negative zero.
        return DecimalNode.valueOf(new BigDecimal(value.toString()));
    }

    private static JsonNode binary(BsonBinary binary) {
        if (binary.getType() == BsonBinarySubType.UUID_STANDARD.getValue()
                && binary.getData().length == 16) {
            return JSON.textNode(binary.asUuid().toString());
        }
        // Legacy UUIDs (subtype 3) have a driver-specific byte order: base64 like other binaries.
        return JSON.textNode(Base64.getEncoder().encodeToString(binary.getData()));
    }

    private static String timestamp(BsonTimestamp timestamp) {
        // Both halves are unsigned 32-bit numbers.
        return "Timestamp("
                + Integer.toUnsignedString(timestamp.getTime())
                + ", "
                + Integer.toUnsignedString(timestamp.getInc())
                + ")";
    }

    private static String regex(BsonRegularExpression regex) {
        return "/" + regex.getPattern() + "/" + regex.getOptions();
    }
}

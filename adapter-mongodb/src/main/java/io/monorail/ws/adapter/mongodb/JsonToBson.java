package io.monorail.ws.adapter.mongodb;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * Converts JSON values of a validated filter into the BSON values MongoDB compares with, keeping
 * keys, order and numeric types; nothing is reinterpreted (no extended JSON).
 */
final class JsonToBson {
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private JsonToBson() {}

    static BsonValue value(JsonNode node) {
        // Recursion is bounded: the domain caps the depth of every filter.
        return switch (node.getNodeType()) {
            case OBJECT -> document(node);
            case ARRAY -> array(node);
            case STRING -> new BsonString(node.textValue());
            case BOOLEAN -> BsonBoolean.valueOf(node.booleanValue());
            case NULL -> BsonNull.VALUE;
            case NUMBER -> number(node);
            case BINARY -> new BsonBinary(binary(node));
            case MISSING, POJO ->
                    throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
        };
    }

    static BsonDocument document(JsonNode object) {
        BsonDocument document = new BsonDocument();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            document.append(field.getKey(), value(field.getValue()));
        }
        return document;
    }

    static BsonArray array(JsonNode array) {
        BsonArray values = new BsonArray();
        for (JsonNode element : array) {
            values.add(value(element));
        }
        return values;
    }

    private static BsonValue number(JsonNode node) {
        return switch (node.numberType()) {
            case INT -> new BsonInt32(node.intValue());
            case LONG -> new BsonInt64(node.longValue());
            case BIG_INTEGER -> bigInteger(node.bigIntegerValue());
            case FLOAT, DOUBLE -> new BsonDouble(node.doubleValue());
            case BIG_DECIMAL -> decimal(node.decimalValue());
        };
    }

    private static BsonValue bigInteger(BigInteger value) {
        if (value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0) {
            return new BsonInt64(value.longValue());
        }
        return decimal(new BigDecimal(value));
    }

    /**
     * A decimal that a double holds exactly in its shortest form becomes that double: stored
     * numbers are almost always doubles (JSON from Node.js), and MongoDB compares a Decimal128 with
     * a double exactly, so {@code 0.1} as Decimal128 would never equal the stored double {@code
     * 0.1}.
     */
    private static BsonValue decimal(BigDecimal value) {
        double asDouble = value.doubleValue();
        if (Double.isFinite(asDouble) && BigDecimal.valueOf(asDouble).compareTo(value) == 0) {
            return new BsonDouble(asDouble);
        }
        try {
            return new BsonDecimal128(new Decimal128(value));
        } catch (NumberFormatException tooPreciseForDecimal128) {
            return new BsonDouble(asDouble);
        }
    }

    private static byte[] binary(JsonNode node) {
        try {
            return node.binaryValue();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("unreadable binary JSON value", e);
        }
    }
}

package io.monorail.ws.domain.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import java.util.OptionalInt;

/**
 * MongoDB's equality and ordering for JSON values: numbers by value whatever their Java type,
 * strings in code point order (UTF-8 byte order, like BSON), and no order across types.
 */
final class JsonValues {
    private JsonValues() {}

    /** True when MongoDB would call the two values equal; objects must agree on key order too. */
    static boolean equal(JsonNode a, JsonNode b) {
        if (a.isArray() && b.isArray()) {
            return equalArrays(a, b);
        }
        if (a.isObject() && b.isObject()) {
            return equalObjects(a, b);
        }
        if (a.isContainerNode() || b.isContainerNode()) {
            return false;
        }
        OptionalInt order = order(a, b);
        if (order.isPresent()) {
            return order.getAsInt() == 0;
        }
        // Types JSON text never produces (binary, POJO): fall back to Jackson's own equality.
        return a.getNodeType() == b.getNodeType() && !isOrdered(a) && a.equals(b);
    }

    /**
     * Sign of {@code a - b} when both are in the same type bracket (numbers, strings, booleans or
     * nulls); empty when they cannot be ordered, including a NaN against a number.
     */
    static OptionalInt order(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return compareNumbers(a, b);
        }
        if (a.isTextual() && b.isTextual()) {
            return OptionalInt.of(compareCodePoints(a.textValue(), b.textValue()));
        }
        if (a.isBoolean() && b.isBoolean()) {
            return OptionalInt.of(Boolean.compare(a.booleanValue(), b.booleanValue()));
        }
        if (a.isNull() && b.isNull()) {
            return OptionalInt.of(0);
        }
        return OptionalInt.empty();
    }

    private static boolean isOrdered(JsonNode node) {
        return node.isNumber() || node.isTextual() || node.isBoolean() || node.isNull();
    }

    private static boolean equalArrays(JsonNode a, JsonNode b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!equal(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean equalObjects(JsonNode a, JsonNode b) {
        if (a.size() != b.size()) {
            return false;
        }
        Iterator<Map.Entry<String, JsonNode>> left = a.properties().iterator();
        Iterator<Map.Entry<String, JsonNode>> right = b.properties().iterator();
        while (left.hasNext()) {
            Map.Entry<String, JsonNode> l = left.next();
            Map.Entry<String, JsonNode> r = right.next();
            if (!l.getKey().equals(r.getKey()) || !equal(l.getValue(), r.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static OptionalInt compareNumbers(JsonNode a, JsonNode b) {
        boolean aNaN = isNaN(a);
        boolean bNaN = isNaN(b);
        if (aNaN || bNaN) {
            // MongoDB: NaN equals NaN and is neither above nor below any other number.
            return aNaN && bNaN ? OptionalInt.of(0) : OptionalInt.empty();
        }
        return OptionalInt.of(compareNumericValues(a, b));
    }

    private static int compareNumericValues(JsonNode a, JsonNode b) {
        if (fitsLong(a) && fitsLong(b)) {
            return Long.compare(a.longValue(), b.longValue());
        }
        if (isBinaryFloat(a) && isBinaryFloat(b)) {
            // Adding 0.0 turns -0.0 into 0.0, which MongoDB treats as equal.
            return Double.compare(a.doubleValue() + 0.0, b.doubleValue() + 0.0);
        }
        if (isInfinite(a) || isInfinite(b)) {
            return Double.compare(infinitySign(a), infinitySign(b));
        }
        // Mixed kinds (long against double, anything against BigDecimal): compare exact values.
        return exact(a).compareTo(exact(b));
    }

    private static boolean fitsLong(JsonNode n) {
        return n.isIntegralNumber() && !n.isBigInteger();
    }

    private static boolean isBinaryFloat(JsonNode n) {
        return n.isDouble() || n.isFloat();
    }

    private static boolean isNaN(JsonNode n) {
        return isBinaryFloat(n) && Double.isNaN(n.doubleValue());
    }

    private static boolean isInfinite(JsonNode n) {
        return isBinaryFloat(n) && Double.isInfinite(n.doubleValue());
    }

    /** -1 or +1 for infinities, 0 for every finite number, enough to order against infinity. */
    private static double infinitySign(JsonNode n) {
        return isInfinite(n) ? Math.signum(n.doubleValue()) : 0;
    }

    private static BigDecimal exact(JsonNode n) {
        if (n.isBigDecimal()) {
            return n.decimalValue();
        }
        if (n.isBigInteger()) {
            return new BigDecimal(n.bigIntegerValue());
        }
        if (isBinaryFloat(n)) {
            return new BigDecimal(n.doubleValue());
        }
        return BigDecimal.valueOf(n.longValue());
    }

    /** Code point order; {@link String#compareTo} would misplace characters above U+FFFF. */
    static int compareCodePoints(String a, String b) {
        int shared = Math.min(a.length(), b.length());
        for (int i = 0; i < shared; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (x >= Character.MIN_SURROGATE && y >= Character.MIN_SURROGATE) {
                    return fixUp(x) - fixUp(y);
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    /** Moves surrogates above U+E000..U+FFFF so that UTF-16 units sort like code points. */
    private static int fixUp(char c) {
        return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }
}

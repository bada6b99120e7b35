package io.monorail.ws.adapter.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBinarySubType;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonJavaScript;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.bson.BsonSymbol;
import org.bson.BsonTimestamp;
import org.bson.BsonUndefined;
import org.bson.BsonValue;
import org.bson.UuidRepresentation;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class RecordRendererTest {
    private static final ObjectId OID = new ObjectId("5f1c0c0c0c0c0c0c0c0c0c01");

    @Test
    void objectId_id_becomesIdAsHexString_first() {
        ObjectNode record =
                RecordRenderer.record(
                        new BsonDocument("name", new BsonString("n"))
                                .append("_id", new BsonObjectId(OID))
                                .append("type", new BsonString("compute")));

        assertThat(record.toString())
                .isEqualTo(
                        "{\"name\":\"n\",\"id\":\""
                                + OID.toHexString()
                                + "\",\"type\":\"compute\"}");
    }

    @Test
    void other_idTypes_renderAsTheirValues() {
        assertThat(
                        RecordRenderer.record(new BsonDocument("_id", new BsonString("s")))
                                .get("id")
                                .textValue())
                .isEqualTo("s");
        assertThat(
                        RecordRenderer.record(new BsonDocument("_id", new BsonInt32(7)))
                                .get("id")
                                .intValue())
                .isEqualTo(7);
    }

    @Test
    void aStoredIdField_yieldsTo_id() {
        ObjectNode record =
                RecordRenderer.record(
                        new BsonDocument("id", new BsonString("shadow"))
                                .append("_id", new BsonObjectId(OID)));

        assertThat(record.toString()).isEqualTo("{\"id\":\"" + OID.toHexString() + "\"}");
    }

    @Test
    void nested_idAndObjectIds_keepTheirNameAndBecomeHex() {
        ObjectNode record =
                RecordRenderer.record(
                        new BsonDocument("_id", new BsonString("x"))
                                .append("node", new BsonObjectId(OID))
                                .append("sub", new BsonDocument("_id", new BsonObjectId(OID)))
                                .append("list", new BsonArray(List.of(new BsonObjectId(OID)))));

        assertThat(record.toString())
                .isEqualTo(
                        "{\"id\":\"x\",\"node\":\""
                                + OID.toHexString()
                                + "\",\"sub\":{\"_id\":\""
                                + OID.toHexString()
                                + "\"},\"list\":[\""
                                + OID.toHexString()
                                + "\"]}");
    }

    @Test
    void dates_becomeIsoStringsWithMilliseconds() {
        assertThat(
                        render(
                                        new BsonDateTime(
                                                Instant.parse("2016-05-01T10:00:00Z")
                                                        .toEpochMilli()))
                                .textValue())
                .isEqualTo("2016-05-01T10:00:00.000Z");
        assertThat(
                        render(
                                        new BsonDateTime(
                                                Instant.parse("2016-05-01T10:00:00.123Z")
                                                        .toEpochMilli()))
                                .textValue())
                .isEqualTo("2016-05-01T10:00:00.123Z");
        assertThat(render(new BsonDateTime(-1)).textValue()).isEqualTo("1969-12-31T23:59:59.999Z");
    }

    @Test
    void numbers_keepTheirKind() {
        assertThat(render(new BsonInt32(5)).isInt()).isTrue();
        assertThat(render(new BsonInt64(5_000_000_000L)).longValue()).isEqualTo(5_000_000_000L);
        assertThat(render(new BsonInt64(5_000_000_000L)).isLong()).isTrue();
        assertThat(render(new BsonDouble(2.5)).doubleValue()).isEqualTo(2.5);
        JsonNode decimal = render(new BsonDecimal128(Decimal128.parse("12.50")));
        assertThat(decimal.isBigDecimal()).isTrue();
        assertThat(decimal.toString()).isEqualTo("12.50");
        assertThat(render(new BsonDecimal128(Decimal128.NEGATIVE_ZERO)).decimalValue())
                .isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void numbersJsonCannotHold_becomeTheirJavaScriptNames() {
        assertThat(render(new BsonDouble(Double.NaN)).textValue()).isEqualTo("NaN");
        assertThat(render(new BsonDouble(Double.NEGATIVE_INFINITY)).textValue())
                .isEqualTo("-Infinity");
        assertThat(render(new BsonDecimal128(Decimal128.POSITIVE_INFINITY)).textValue())
                .isEqualTo("Infinity");
        assertThat(render(new BsonDecimal128(Decimal128.NaN)).textValue()).isEqualTo("NaN");
    }

    @Test
    void binaries_becomeBase64_andStandardUuidsTheirText() {
        UUID uuid = UUID.fromString("0d1c2b3a-4f5e-4a6b-8c7d-9e0f1a2b3c4d");

        assertThat(render(new BsonBinary(new byte[] {1, 2, 3})).textValue()).isEqualTo("AQID");
        assertThat(render(new BsonBinary(uuid)).textValue()).isEqualTo(uuid.toString());
        BsonBinary legacy = new BsonBinary(uuid, UuidRepresentation.JAVA_LEGACY);
        assertThat(legacy.getType()).isEqualTo(BsonBinarySubType.UUID_LEGACY.getValue());
        assertThat(render(legacy).textValue()).hasSize(24); // base64 of 16 bytes
    }

    @Test
    void rareTypes_becomeReadableStrings() {
        assertThat(render(new BsonTimestamp(1462096800, 3)).textValue())
                .isEqualTo("Timestamp(1462096800, 3)");
        assertThat(render(new BsonMinKey()).textValue()).isEqualTo("MinKey");
        assertThat(render(new BsonMaxKey()).textValue()).isEqualTo("MaxKey");
        assertThat(render(new BsonRegularExpression("^a", "i")).textValue()).isEqualTo("/^a/i");
        assertThat(render(new BsonSymbol("sym")).textValue()).isEqualTo("sym");
        assertThat(render(new BsonJavaScript("f()")).textValue()).isEqualTo("f()");
    }

    @Test
    void nullUndefinedAndBooleans_areJsonLiterals() {
        assertThat(render(BsonNull.VALUE).isNull()).isTrue();
        assertThat(render(new BsonUndefined()).isNull()).isTrue();
        assertThat(render(BsonBoolean.TRUE).booleanValue()).isTrue();
    }

    private static JsonNode render(BsonValue value) {
        return RecordRenderer.value(value);
    }
}

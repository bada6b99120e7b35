package io.monorail.ws.adapter.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.monorail.ws.domain.filter.Filter;
import io.monorail.ws.domain.filter.FilterLimits;
import io.monorail.ws.domain.port.out.FindOptions.SortField;
import io.monorail.ws.protocol.MessageCodec;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.junit.jupiter.api.Test;

class QueryTranslatorTest {
    private static final String HEX = "5f1c0c0c0c0c0c0c0c0c0c01";
    private static final String OID = "{\"$oid\":\"" + HEX + "\"}";
    private static final String BOTH = "[" + OID + ",\"" + HEX + "\"]";

    private static final JsonWriterSettings STRICT =
            JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    private final MessageCodec codec = new MessageCodec();

    @Test
    void idEqualToHex_becomesInOfObjectIdAndString() {
        assertTranslation("{\"id\":\"" + HEX + "\"}", "{\"_id\":{\"$in\":" + BOTH + "}}");
        assertTranslation("{\"id\":{\"$eq\":\"" + HEX + "\"}}", "{\"_id\":{\"$in\":" + BOTH + "}}");
    }

    @Test
    void idThatIsNoHex_onlyMovesTo_id() {
        assertTranslation("{\"id\":\"plain\"}", "{\"_id\":\"plain\"}");
        assertTranslation("{\"id\":42}", "{\"_id\":42}");
        assertTranslation(
                "{\"id\":{\"$gt\":\"" + HEX + "\"}}", "{\"_id\":{\"$gt\":\"" + HEX + "\"}}");
        assertTranslation("{\"id\":{\"$regex\":\"^5f\"}}", "{\"_id\":{\"$regex\":\"^5f\"}}");
    }

    @Test
    void idInAndNin_expandEachHexElement() {
        assertTranslation(
                "{\"id\":{\"$in\":[\"" + HEX + "\",\"plain\",3]}}",
                "{\"_id\":{\"$in\":[" + OID + ",\"" + HEX + "\",\"plain\",3]}}");
        assertTranslation(
                "{\"id\":{\"$nin\":[\"" + HEX + "\"]}}", "{\"_id\":{\"$nin\":" + BOTH + "}}");
    }

    @Test
    void idNe_becomesNinOfBothForms() {
        assertTranslation(
                "{\"id\":{\"$ne\":\"" + HEX + "\",\"$exists\":true}}",
                "{\"_id\":{\"$nin\":" + BOTH + ",\"$exists\":true}}");
        assertTranslation("{\"id\":{\"$ne\":\"plain\"}}", "{\"_id\":{\"$ne\":\"plain\"}}");
    }

    @Test
    void idInsideLogicalOperators_isRewritten() {
        assertTranslation(
                "{\"$or\":[{\"id\":\"" + HEX + "\"},{\"name\":\"x\"}],\"$nor\":[{\"id\":\"a\"}]}",
                "{\"$or\":[{\"_id\":{\"$in\":"
                        + BOTH
                        + "}},{\"name\":\"x\"}],\"$nor\":[{\"_id\":\"a\"}]}");
        assertTranslation(
                "{\"$and\":[{\"$or\":[{\"id\":\"" + HEX + "\"}]}]}",
                "{\"$and\":[{\"$or\":[{\"_id\":{\"$in\":" + BOTH + "}}]}]}");
    }

    @Test
    void idNot_isRewrittenInside() {
        assertTranslation(
                "{\"id\":{\"$not\":{\"$eq\":\"" + HEX + "\"}}}",
                "{\"_id\":{\"$not\":{\"$in\":" + BOTH + "}}}");
    }

    @Test
    void idElsewhere_isAFieldOfItsOwn_whoseHexValuesMatchBothForms() {
        assertTranslation("{\"obm.id\":\"" + HEX + "\"}", "{\"obm.id\":{\"$in\":" + BOTH + "}}");
        assertTranslation(
                "{\"relations\":{\"$elemMatch\":{\"id\":\"" + HEX + "\"}}}",
                "{\"relations\":{\"$elemMatch\":{\"id\":\"" + HEX + "\"}}}");
    }

    @Test
    void referenceByHexString_matchesAnObjectIdOrAString() {
        assertTranslation("{\"node\":\"" + HEX + "\"}", "{\"node\":{\"$in\":" + BOTH + "}}");
        assertTranslation(
                "{\"node\":{\"$ne\":\"" + HEX + "\"}}", "{\"node\":{\"$nin\":" + BOTH + "}}");
        assertTranslation(
                "{\"node\":{\"$in\":[\"" + HEX + "\",\"x\"]}}",
                "{\"node\":{\"$in\":[{\"$oid\":\"" + HEX + "\"},\"" + HEX + "\",\"x\"]}}");
        assertTranslation("{\"name\":\"not-hex\"}", "{\"name\":\"not-hex\"}");
    }

    @Test
    void operatorsThatBecomeTheSame_areKeptAsSeparateClauses() {
        assertTranslation(
                "{\"id\":{\"$eq\":\"" + HEX + "\",\"$in\":[\"b\"]},\"$and\":[{\"rank\":1}]}",
                "{\"_id\":{\"$in\":"
                        + BOTH
                        + "},\"$and\":[{\"_id\":{\"$in\":[\"b\"]}},{\"rank\":1}]}");
        assertTranslation(
                "{\"_id\":\"x\",\"id\":\"y\"}", "{\"_id\":\"x\",\"$and\":[{\"_id\":\"y\"}]}");
    }

    @Test
    void notOverOperatorsThatBecomeTheSame_turnsIntoNor() {
        assertTranslation(
                "{\"id\":{\"$not\":{\"$eq\":\"" + HEX + "\",\"$in\":[\"b\"]}}}",
                "{\"$nor\":[{\"$and\":[{\"_id\":{\"$in\":"
                        + BOTH
                        + "}},"
                        + "{\"_id\":{\"$in\":[\"b\"]}}]}]}");
        assertTranslation(
                "{\"$nor\":[{\"a\":1}],\"id\":{\"$not\":{\"$ne\":\""
                        + HEX
                        + "\",\"$nin\":[\"b\"]}}}",
                "{\"$nor\":[{\"a\":1}],\"$and\":[{\"$nor\":[{\"$and\":[{\"_id\":{\"$nin\":"
                        + BOTH
                        + "}},"
                        + "{\"_id\":{\"$nin\":[\"b\"]}}]}]}]}");
    }

    @Test
    void otherValues_passThroughWithTheirTypes() {
        assertTranslation(
                "{\"rank\":{\"$gte\":2.5,\"$lt\":10},"
                        + "\"big\":12345678901,\"obm\":{\"host\":\"h\"},\"gone\":null,\"on\":true,"
                        + "\"tags\":{\"$all\":[\"a\"],\"$size\":1}}",
                "{\"rank\":{\"$gte\":2.5,\"$lt\":10},"
                        + "\"big\":{\"$numberLong\":\"12345678901\"},\"obm\":{\"host\":\"h\"},\"gone\":null,"
                        + "\"on\":true,\"tags\":{\"$all\":[\"a\"],\"$size\":1}}");
    }

    @Test
    void regexAndOptions_stayAPlainDocument() throws Exception {
        Filter regex =
                Filter.compile(
                        codec.parseObject("{\"name\":{\"$regex\":\"^a\",\"$options\":\"i\"}}"),
                        FilterLimits.defaults());

        assertThat(QueryTranslator.query(regex.json()))
                .isEqualTo(
                        new BsonDocument(
                                "name",
                                new BsonDocument("$regex", new BsonString("^a"))
                                        .append("$options", new BsonString("i"))));
    }

    @Test
    void emptyFilter_isAnEmptyQuery() {
        assertThat(QueryTranslator.query(Filter.matchAll().json())).isEqualTo(new BsonDocument());
    }

    @Test
    void sort_mapsIdAndEndsWith_idForStablePages() {
        assertThat(
                        QueryTranslator.sort(
                                List.of(new SortField("rank", false), new SortField("rank", true))))
                .isEqualTo(BsonDocument.parse("{\"rank\":-1,\"_id\":1}"));
        assertThat(
                        QueryTranslator.sort(
                                List.of(new SortField("id", false), new SortField("name", true))))
                .isEqualTo(BsonDocument.parse("{\"_id\":-1,\"name\":1}"));
        assertThat(QueryTranslator.sort(List.of())).isEmpty();
    }

    @Test
    void projection_mapsIdAndDropsCoveredPaths() {
        assertThat(
                        QueryTranslator.projection(
                                List.of("obm.host", "id", "obm", "obm-x", "name", "name")))
                .isEqualTo(BsonDocument.parse("{\"_id\":1,\"name\":1,\"obm\":1,\"obm-x\":1}"));
        assertThat(QueryTranslator.projection(List.of())).isNull();
    }

    private void assertTranslation(String filter, String expectedQuery) {
        try {
            Filter compiled = Filter.compile(codec.parseObject(filter), FilterLimits.defaults());
            // Extended JSON shows key order and every BSON type (int32 vs int64 vs double).
            assertThat(QueryTranslator.query(compiled.json()).toJson(STRICT))
                    .isEqualTo(BsonDocument.parse(expectedQuery).toJson(STRICT));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

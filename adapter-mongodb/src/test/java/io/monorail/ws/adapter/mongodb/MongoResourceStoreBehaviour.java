package io.monorail.ws.adapter.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.monorail.ws.domain.filter.Filter;
import io.monorail.ws.domain.filter.FilterLimits;
import io.monorail.ws.domain.port.out.DocumentFilter;
import io.monorail.ws.domain.port.out.FindOptions;
import io.monorail.ws.domain.port.out.FindOptions.SortField;
import io.monorail.ws.domain.port.out.ResourceStore;
import io.monorail.ws.domain.port.out.ResourceStoreContract;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The store contract plus what only the MongoDB adapter does (id rewriting, rendering of BSON
 * types, the query that reaches the server), run against every MongoDB a subclass provides.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MongoResourceStoreBehaviour extends ResourceStoreContract {
    private static final DocumentFilter ALL =
            new DocumentFilter(
                    com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
    static final String DATABASE = "pxe_test";
    private static final Duration MAX_TIME = Duration.ofSeconds(5);
    private static final String OID_A = "5f1c0c0c0c0c0c0c0c0c0ca1";
    private static final String OID_B = "5f1c0c0c0c0c0c0c0c0c0cb2";

    /** Looks like an ObjectId but is stored as a string. */
    private static final String HEX_STRING_ID = "5f1c0c0c0c0c0c0c0c0c0cc3";

    private static final Set<String> ALLOWED_OPERATORS =
            Set.of(
                    "$eq",
                    "$ne",
                    "$gt",
                    "$gte",
                    "$lt",
                    "$lte",
                    "$in",
                    "$nin",
                    "$exists",
                    "$and",
                    "$or",
                    "$nor",
                    "$not",
                    "$regex",
                    "$options",
                    "$size",
                    "$all",
                    "$elemMatch");

    private final List<BsonDocument> findCommands = new CopyOnWriteArrayList<>();
    private MongoResourceStore store;
    private MongoClient direct;
    private String extra;

    /** Where the MongoDB under test listens. */
    protected abstract String connectionString();

    @Override
    protected ResourceStore store() {
        return mongoStore();
    }

    @Override
    protected void insert(String collection, ObjectNode document) {
        // Document.parse reads extended JSON, so $oid and $date become real BSON types.
        directClient()
                .getDatabase(DATABASE)
                .getCollection(collection)
                .insertOne(Document.parse(document.toString()));
    }

    @BeforeEach
    void insertIdVariants() {
        extra = "extra_" + UUID.randomUUID().toString().replace("-", "");
        MongoCollection<BsonDocument> docs =
                directClient().getDatabase(DATABASE).getCollection(extra, BsonDocument.class);
        docs.insertOne(doc(new BsonObjectId(new ObjectId(OID_A)), "a"));
        docs.insertOne(doc(new BsonObjectId(new ObjectId(OID_B)), "b"));
        docs.insertOne(doc(new BsonString(HEX_STRING_ID), "hex-string"));
        docs.insertOne(doc(new BsonString("plain"), "plain"));
        docs.insertOne(doc(new BsonInt32(7), "seven"));
        findCommands.clear();
    }

    @AfterAll
    void closeClients() {
        if (store != null) {
            store.stop();
        }
        if (direct != null) {
            direct.close();
        }
    }

    @Test
    void idEqualToHex_matchesTheObjectIdAndTheStringForm() {
        assertThat(names("{\"id\":\"" + OID_A + "\"}")).containsExactly("a");
        assertThat(names("{\"id\":\"" + HEX_STRING_ID + "\"}")).containsExactly("hex-string");
        assertThat(names("{\"id\":{\"$eq\":\"" + OID_B + "\"}}")).containsExactly("b");
        assertThat(names("{\"id\":7}")).containsExactly("seven");
    }

    @Test
    void idIn_mixesObjectIdsStringsAndNumbers() {
        String filter =
                "{\"id\":{\"$in\":[\"" + OID_A + "\",\"" + HEX_STRING_ID + "\",\"plain\",7]}}";

        assertThat(names(filter)).containsExactlyInAnyOrder("a", "hex-string", "plain", "seven");
    }

    @Test
    void idNeAndNin_excludeBothForms() {
        assertThat(names("{\"id\":{\"$ne\":\"" + OID_A + "\"}}"))
                .containsExactlyInAnyOrder("b", "hex-string", "plain", "seven");
        assertThat(
                        names(
                                "{\"id\":{\"$nin\":[\""
                                        + OID_B
                                        + "\",\""
                                        + HEX_STRING_ID
                                        + "\",\"plain\"]}}"))
                .containsExactlyInAnyOrder("a", "seven");
    }

    @Test
    void idInsideOrAndNor_isRewrittenToo() {
        assertThat(names("{\"$or\":[{\"id\":\"" + OID_A + "\"},{\"name\":\"plain\"}]}"))
                .containsExactlyInAnyOrder("a", "plain");
        assertThat(
                        names(
                                "{\"$and\":[{\"id\":{\"$in\":[\""
                                        + OID_A
                                        + "\",\""
                                        + OID_B
                                        + "\"]}},{\"name\":\"b\"}]}"))
                .containsExactly("b");
        assertThat(names("{\"$nor\":[{\"id\":\"" + OID_A + "\"},{\"id\":\"plain\"}]}"))
                .containsExactlyInAnyOrder("b", "hex-string", "seven");
    }

    @Test
    void idNot_negatesTheRewrittenCondition() {
        assertThat(names("{\"id\":{\"$not\":{\"$eq\":\"" + OID_A + "\"}}}"))
                .containsExactlyInAnyOrder("b", "hex-string", "plain", "seven");
        assertThat(names("{\"id\":{\"$not\":{\"$in\":[\"" + OID_A + "\",7]}}}"))
                .containsExactlyInAnyOrder("b", "hex-string", "plain");
    }

    @Test
    void idWithEqAndIn_keepsBothConditions() {
        String both =
                "{\"id\":{\"$eq\":\""
                        + OID_A
                        + "\",\"$in\":[\""
                        + OID_A
                        + "\",\""
                        + OID_B
                        + "\"]}}";
        String disjoint = "{\"id\":{\"$eq\":\"" + OID_A + "\",\"$in\":[\"" + OID_B + "\"]}}";
        String negated =
                "{\"id\":{\"$not\":{\"$eq\":\""
                        + OID_A
                        + "\",\"$in\":[\""
                        + OID_A
                        + "\",\""
                        + OID_B
                        + "\"]}}}";

        assertThat(names(both)).containsExactly("a");
        assertThat(names(disjoint)).isEmpty();
        assertThat(names(negated)).containsExactlyInAnyOrder("b", "hex-string", "plain", "seven");
    }

    @Test
    void regexWithOptions_passesThrough() {
        assertThat(names("{\"name\":{\"$regex\":\"^HEX\",\"$options\":\"i\"}}"))
                .containsExactly("hex-string");
    }

    @Test
    void sortOnId_andProjectionOfId_use_id() {
        FindOptions byIdDescending =
                new FindOptions(
                        10, 0, List.of(new SortField("id", false)), List.of("id"), MAX_TIME);

        List<ObjectNode> found = mongoStore().find(extra, ALL, byIdDescending);

        // BSON order: numbers < strings < ObjectIds.
        assertThat(found)
                .extracting(doc -> doc.get("id").asText())
                .containsExactly(OID_B, OID_A, "plain", HEX_STRING_ID, "7");
        assertThat(found).allSatisfy(doc -> assertThat(doc.properties()).hasSize(1));
    }

    @Test
    void fieldsThatOverlap_doNotCollide() {
        FindOptions overlapping =
                new FindOptions(10, 0, List.of(), List.of("obm.host", "obm", "name"), MAX_TIME);

        assertThat(mongoStore().find(extra, filter("{\"name\":\"a\"}"), overlapping))
                .singleElement()
                .satisfies(
                        doc ->
                                assertThat(doc.toString())
                                        .isEqualTo(
                                                "{\"id\":\""
                                                        + OID_A
                                                        + "\",\"name\":\"a\",\"obm\":{\"host\":\"10.1.1.1\",\"port\":623}}"));
    }

    @Test
    void findOne_honoursSortAndSkip() {
        FindOptions secondByName =
                new FindOptions(
                        5, 1, List.of(new SortField("name", true)), List.of("name"), MAX_TIME);

        assertThat(mongoStore().findOne(extra, ALL, secondByName))
                .hasValueSatisfying(doc -> assertThat(doc.get("name").textValue()).isEqualTo("b"));
    }

    @Test
    void bsonTypes_areRenderedAsRackHdRecords() {
        ObjectId nested = new ObjectId("5f1c0c0c0c0c0c0c0c0c0cdd");
        UUID uuid = UUID.fromString("0d1c2b3a-4f5e-4a6b-8c7d-9e0f1a2b3c4d");
        BsonDocument stored =
                new BsonDocument("_id", new BsonObjectId(new ObjectId(OID_A)))
                        .append("node", new BsonObjectId(nested))
                        .append(
                                "createdAt",
                                new BsonDateTime(
                                        Instant.parse("2016-05-01T10:00:00Z").toEpochMilli()))
                        .append("price", new BsonDecimal128(Decimal128.parse("12.50")))
                        .append("bytes", new BsonInt64(5_000_000_000L))
                        .append("ratio", new BsonDouble(0.25))
                        .append("blob", new BsonBinary(new byte[] {1, 2, 3}))
                        .append("uuid", new BsonBinary(uuid))
                        .append(
                                "relations",
                                new BsonArray(
                                        List.of(
                                                new BsonDocument(
                                                                "targets",
                                                                new BsonArray(
                                                                        List.of(
                                                                                new BsonObjectId(
                                                                                        nested))))
                                                        .append(
                                                                "_id",
                                                                new BsonString("kept-nested")))));
        directClient()
                .getDatabase(DATABASE)
                .getCollection("types_" + extra, BsonDocument.class)
                .insertOne(stored);

        ObjectNode record =
                mongoStore().find("types_" + extra, ALL, FindOptions.limit(1, MAX_TIME)).get(0);

        assertThat(record.properties())
                .extracting(Map.Entry::getKey)
                .containsExactly(
                        "id",
                        "node",
                        "createdAt",
                        "price",
                        "bytes",
                        "ratio",
                        "blob",
                        "uuid",
                        "relations");
        assertThat(record.get("id").textValue()).isEqualTo(OID_A);
        assertThat(record.get("node").textValue()).isEqualTo(nested.toHexString());
        assertThat(record.get("createdAt").textValue()).isEqualTo("2016-05-01T10:00:00.000Z");
        assertThat(record.get("price").isBigDecimal()).isTrue();
        assertThat(record.get("price").decimalValue()).isEqualTo(new BigDecimal("12.50"));
        assertThat(record.get("bytes").isLong()).isTrue();
        assertThat(record.get("bytes").longValue()).isEqualTo(5_000_000_000L);
        assertThat(record.get("ratio").doubleValue()).isEqualTo(0.25);
        assertThat(record.get("blob").textValue()).isEqualTo("AQID");
        assertThat(record.get("uuid").textValue()).isEqualTo(uuid.toString());
        JsonNode relation = record.get("relations").get(0);
        assertThat(relation.get("targets").get(0).textValue()).isEqualTo(nested.toHexString());
        assertThat(relation.get("_id").textValue()).isEqualTo("kept-nested");
    }

    @Test
    void findCommand_usesOnlyAllowedOperators_andCarriesTheTimeLimit() {
        List<String> filters =
                List.of(
                        "{\"id\":\"" + OID_A + "\"}",
                        "{\"id\":{\"$ne\":\"" + OID_A + "\",\"$exists\":true}}",
                        "{\"id\":{\"$eq\":\"" + OID_A + "\",\"$in\":[\"" + OID_B + "\"]}}",
                        "{\"id\":{\"$not\":{\"$eq\":\""
                                + OID_A
                                + "\",\"$in\":[\""
                                + OID_B
                                + "\"]}}}",
                        "{\"$or\":[{\"id\":{\"$nin\":[\""
                                + OID_A
                                + "\"]}},{\"tags\":{\"$size\":2}}],\"$nor\":[{\"rank\":{\"$gt\":3}}]}",
                        "{\"tags\":{\"$all\":[\"x\"],\"$elemMatch\":{\"$regex\":\"^x\",\"$options\":\"i\"}},\"rank\":{\"$lte\":9}}");
        for (String filter : filters) {
            names(filter);
        }

        assertThat(findCommands).hasSize(filters.size());
        assertThat(findCommands)
                .allSatisfy(
                        command -> {
                            assertThat(operatorsIn(command.getDocument("filter")))
                                    .isSubsetOf(ALLOWED_OPERATORS);
                            assertThat(command.getNumber("maxTimeMS").longValue())
                                    .isEqualTo(MAX_TIME.toMillis());
                        });
    }

    @Test
    void readFromAStoppedStore_isRefused() {
        MongoResourceStore unstarted =
                new MongoResourceStore(MongoStoreConfig.defaults(connectionString(), DATABASE));

        assertThatThrownBy(() -> unstarted.find(extra, ALL, FindOptions.limit(1, MAX_TIME)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(unstarted.isAvailable()).isFalse();
    }

    @Test
    void ping_answersTrueWhileTheServerIsUp() {
        assertThat(mongoStore().ping()).isTrue();
        assertThat(mongoStore().isAvailable()).isTrue();
    }

    MongoResourceStore mongoStore() {
        if (store == null) {
            CommandListener listener =
                    new CommandListener() {
                        @Override
                        public void commandStarted(CommandStartedEvent event) {
                            if (event.getCommandName().equals("find")) {
                                findCommands.add(event.getCommand().clone());
                            }
                        }
                    };
            store =
                    new MongoResourceStore(
                            MongoStoreConfig.defaults(connectionString(), DATABASE),
                            settings -> settings.addCommandListener(listener));
            store.start();
        }
        return store;
    }

    private MongoClient directClient() {
        if (direct == null) {
            direct = MongoClients.create(connectionString());
        }
        return direct;
    }

    private List<String> names(String filter) {
        return mongoStore().find(extra, filter(filter), FindOptions.limit(100, MAX_TIME)).stream()
                .map(doc -> doc.get("name").textValue())
                .toList();
    }

    private DocumentFilter filter(String filter) {
        try {
            return new DocumentFilter(Filter.compile(json(filter), FilterLimits.defaults()).json());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static BsonDocument doc(BsonValue id, String name) {
        return new BsonDocument("_id", id)
                .append("name", new BsonString(name))
                .append(
                        "obm",
                        new BsonDocument("host", new BsonString("10.1.1.1"))
                                .append("port", new BsonInt32(623)));
    }

    private static Set<String> operatorsIn(BsonValue value) {
        Set<String> operators = new HashSet<>();
        List<BsonValue> pending = new ArrayList<>(List.of(value));
        while (!pending.isEmpty()) {
            BsonValue next = pending.remove(pending.size() - 1);
            if (next.isDocument()) {
                next.asDocument()
                        .forEach(
                                (key, child) -> {
                                    if (key.startsWith("$")) {
                                        operators.add(key);
                                    }
                                    pending.add(child);
                                });
            } else if (next.isArray()) {
                pending.addAll(next.asArray());
            }
        }
        return operators;
    }
}

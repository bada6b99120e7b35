package io.monorail.ws.domain.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monorail.ws.domain.filter.Filter;
import io.monorail.ws.domain.filter.FilterLimits;
import io.monorail.ws.protocol.MessageCodec;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ResourceStore} does, checked against the in-memory fake and the MongoDB
 * adapter. Subclasses provide the store and a way to put documents into it.
 */
public abstract class ResourceStoreContract {
    private static final Duration MAX_TIME = Duration.ofSeconds(5);
    private static final String OID_1 = "5f1c0c0c0c0c0c0c0c0c0c01";
    private static final String OID_2 = "5f1c0c0c0c0c0c0c0c0c0c02";

    private final MessageCodec codec = new MessageCodec();
    private ResourceStore store;
    private String collection;

    /** A store to test. */
    protected abstract ResourceStore store() throws Exception;

    /** Puts a document, given in MongoDB extended JSON, into the store behind {@link #store()}. */
    protected abstract void insert(String collection, ObjectNode document) throws Exception;

    @BeforeEach
    void setUpStore() throws Exception {
        store = store();
        collection = "contract_" + UUID.randomUUID().toString().replace("-", "");
        insert(
                collection,
                json(
                        "{\"_id\":{\"$oid\":\""
                                + OID_1
                                + "\"},\"name\":\"alpha\",\"type\":\"compute\",\"rank\":2,"
                                + "\"createdAt\":{\"$date\":\"2016-05-01T10:00:00Z\"},\"tags\":[\"a\",\"b\"],\"obm\":{\"host\":\"10.0.0.1\"}}"));
        insert(
                collection,
                json(
                        "{\"_id\":{\"$oid\":\""
                                + OID_2
                                + "\"},\"name\":\"beta\",\"type\":\"switch\",\"rank\":1,\"tags\":[\"b\"]}"));
        insert(
                collection,
                json(
                        "{\"_id\":\"plain-string-id\",\"name\":\"gamma\",\"type\":\"compute\",\"rank\":3}"));
    }

    @Test
    void equalityFilter_returnsMatchingRecordsWithIdInsteadOf_id() {
        List<ObjectNode> found = find("{\"type\":\"compute\"}", options(10));

        assertThat(found)
                .extracting(doc -> doc.get("name").textValue())
                .containsExactlyInAnyOrder("alpha", "gamma");
        assertThat(found).allSatisfy(doc -> assertThat(doc.has("_id")).isFalse());
        assertThat(found)
                .extracting(doc -> doc.get("id").textValue())
                .contains(OID_1, "plain-string-id");
    }

    @Test
    void filterOnId_matchesAnObjectIdByItsHexString() {
        assertThat(find("{\"id\":\"" + OID_2 + "\"}", options(10)))
                .singleElement()
                .satisfies(doc -> assertThat(doc.get("name").textValue()).isEqualTo("beta"));
    }

    @Test
    void filterOnId_matchesAStringId() {
        assertThat(find("{\"id\":\"plain-string-id\"}", options(10)))
                .singleElement()
                .satisfies(doc -> assertThat(doc.get("name").textValue()).isEqualTo("gamma"));
    }

    @Test
    void filterOnIdWithIn_matchesBothKinds() {
        assertThat(find("{\"id\":{\"$in\":[\"" + OID_1 + "\",\"plain-string-id\"]}}", options(10)))
                .extracting(doc -> doc.get("name").textValue())
                .containsExactlyInAnyOrder("alpha", "gamma");
    }

    @Test
    void dates_areRenderedAsIso8601Strings() {
        JsonNode createdAt = find("{\"name\":\"alpha\"}", options(1)).get(0).get("createdAt");

        assertThat(createdAt.isTextual()).isTrue();
        assertThat(createdAt.textValue()).startsWith("2016-05-01T10:00:00");
    }

    @Test
    void operatorsAndDottedPaths_work() {
        assertThat(names(find("{\"rank\":{\"$gte\":2}}", options(10))))
                .containsExactlyInAnyOrder("alpha", "gamma");
        assertThat(names(find("{\"obm.host\":\"10.0.0.1\"}", options(10))))
                .containsExactly("alpha");
        assertThat(names(find("{\"tags\":\"b\"}", options(10))))
                .containsExactlyInAnyOrder("alpha", "beta");
        assertThat(names(find("{\"name\":{\"$regex\":\"^ga\"}}", options(10))))
                .containsExactly("gamma");
        assertThat(names(find("{\"$or\":[{\"rank\":1},{\"name\":\"gamma\"}]}", options(10))))
                .containsExactlyInAnyOrder("beta", "gamma");
    }

    @Test
    void sortSkipAndLimit_page() {
        FindOptions page =
                new FindOptions(
                        2,
                        1,
                        List.of(new FindOptions.SortField("rank", true)),
                        List.of(),
                        MAX_TIME);

        assertThat(names(find("{}", page))).containsExactly("alpha", "gamma");
    }

    @Test
    void descendingSort_reversesTheOrder() {
        FindOptions byRankDesc =
                new FindOptions(
                        3,
                        0,
                        List.of(new FindOptions.SortField("rank", false)),
                        List.of(),
                        MAX_TIME);

        assertThat(names(find("{}", byRankDesc))).containsExactly("gamma", "alpha", "beta");
    }

    @Test
    void fields_limitWhatComesBack_butIdAlwaysDoes() {
        FindOptions onlyName = new FindOptions(10, 0, List.of(), List.of("name"), MAX_TIME);

        assertThat(find("{\"name\":\"beta\"}", onlyName))
                .singleElement()
                .satisfies(
                        doc -> {
                            assertThat(doc.get("id").textValue()).isEqualTo(OID_2);
                            assertThat(doc.get("name").textValue()).isEqualTo("beta");
                            assertThat(doc.has("rank")).isFalse();
                        });
    }

    @Test
    void findOne_ofNothing_isEmpty() throws Exception {
        assertThat(store.findOne(collection, filter("{\"name\":\"nobody\"}"), options(1)))
                .isEmpty();
    }

    @Test
    void findOne_returnsTheDocument() throws Exception {
        assertThat(store.findOne(collection, filter("{\"id\":\"" + OID_1 + "\"}"), options(1)))
                .hasValueSatisfying(
                        doc -> assertThat(doc.get("name").textValue()).isEqualTo("alpha"));
    }

    @Test
    void unknownCollection_isEmpty() throws Exception {
        assertThat(store.find("no_such_" + collection, filter("{}"), options(10))).isEmpty();
    }

    @Test
    void answeringStore_isAvailable() {
        find("{}", options(1));

        assertThat(store.isAvailable()).isTrue();
    }

    private List<ObjectNode> find(String filter, FindOptions options) {
        try {
            return store.find(collection, filter(filter), options);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private DocumentFilter filter(String json) throws Exception {
        return new DocumentFilter(
                Filter.compile(codec.parseObject(json), FilterLimits.defaults()).json());
    }

    private static FindOptions options(int limit) {
        return FindOptions.limit(limit, MAX_TIME);
    }

    private static List<String> names(List<ObjectNode> docs) {
        return docs.stream().map(doc -> doc.get("name").textValue()).toList();
    }

    /** Parses a JSON object, for subclasses' fixtures too. */
    protected ObjectNode json(String text) {
        try {
            return codec.parseObject(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

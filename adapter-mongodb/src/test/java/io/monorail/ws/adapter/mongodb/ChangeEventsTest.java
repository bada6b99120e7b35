package io.monorail.ws.adapter.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import io.monorail.ws.domain.port.out.BusEvent;
import io.monorail.ws.domain.port.out.EventFeedException;
import io.monorail.ws.domain.port.out.TopicBinding;
import java.io.IOException;
import org.bson.BsonDocument;
import org.bson.BsonDocumentReader;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.junit.jupiter.api.Test;

/**
 * Change-stream events, as MongoDB sends them, turned into RackHD's {@code on.waterline} events.
 */
class ChangeEventsTest {
    private static final String EXCHANGE = "on.waterline";
    private static final String OID = "65f0a1b2c3d4e5f601234567";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Codec<ChangeStreamDocument<BsonDocument>> CODEC =
            ChangeStreamDocument.createCodec(
                    BsonDocument.class, MongoClientSettings.getDefaultCodecRegistry());

    @Test
    void insert_isCreated_withTheFullDocumentRendered() throws IOException {
        BusEvent event =
                convert(
                        "{operationType: 'insert', fullDocument: {_id: {$oid: '"
                                + OID
                                + "'}, name: 'n1', seen: {$date: '2024-01-02T03:04:05.006Z'}},"
                                + " documentKey: {_id: {$oid: '"
                                + OID
                                + "'}}}");

        assertThat(event.exchange()).isEqualTo(EXCHANGE);
        assertThat(event.routingKey()).isEqualTo("nodes.created." + OID);
        assertThat(body(event))
                .isEqualTo(
                        json(
                                "{\"event\":\"created\",\"record\":{\"id\":\""
                                        + OID
                                        + "\",\"name\":\"n1\",\"seen\":\"2024-01-02T03:04:05.006Z\"}}"));
    }

    @Test
    void updateAndReplace_areUpdated_withTheLookedUpDocument() throws IOException {
        String fields =
                " fullDocument: {_id: {$oid: '"
                        + OID
                        + "'}, name: 'n2', tags: ['a']}, documentKey: {_id: {$oid: '"
                        + OID
                        + "'}}";
        BusEvent update =
                convert(
                        "{operationType: 'update', updateDescription: {updatedFields: {name:"
                                + " 'n2'}, removedFields: []},"
                                + fields
                                + "}");
        BusEvent replace = convert("{operationType: 'replace'," + fields + "}");

        String expected =
                "{\"event\":\"updated\",\"record\":{\"id\":\""
                        + OID
                        + "\",\"name\":\"n2\",\"tags\":[\"a\"]}}";
        assertThat(update.routingKey()).isEqualTo("nodes.updated." + OID);
        assertThat(body(update)).isEqualTo(json(expected));
        assertThat(replace.routingKey()).isEqualTo("nodes.updated." + OID);
        assertThat(body(replace)).isEqualTo(json(expected));
    }

    @Test
    void delete_isDestroyed_withOnlyTheId() throws IOException {
        BusEvent event =
                convert("{operationType: 'delete', documentKey: {_id: {$oid: '" + OID + "'}}}");

        assertThat(event.routingKey()).isEqualTo("nodes.destroyed." + OID);
        assertThat(body(event))
                .isEqualTo(json("{\"event\":\"destroyed\",\"record\":{\"id\":\"" + OID + "\"}}"));
    }

    @Test
    void updateOfADocumentDeletedBeforeTheLookup_isSkipped_itsDeleteFollows() {
        assertThat(
                        convert(
                                "{operationType: 'update', fullDocument: null, documentKey: {_id:"
                                        + " 'x'}}"))
                .isNull();
    }

    @Test
    void changesThatAreNotAboutOneDocument_areSkipped() {
        assertThat(convert("{operationType: 'drop', ns: {db: 'pxe', coll: 'nodes'}}")).isNull();
        assertThat(convert("{operationType: 'rename', ns: {db: 'pxe', coll: 'nodes'}}")).isNull();
        assertThat(convert("{operationType: 'invalidate'}")).isNull();
        assertThat(convert("{operationType: 'createIndexes'}")).isNull();
    }

    @Test
    void idsThatAreNotObjectIds_appearInTheKeyAsTheRecordShowsThem() {
        assertThat(convert("{operationType: 'delete', documentKey: {_id: 'abc'}}").routingKey())
                .isEqualTo("nodes.destroyed.abc");
        assertThat(convert("{operationType: 'delete', documentKey: {_id: 42}}").routingKey())
                .isEqualTo("nodes.destroyed.42");
    }

    @Test
    void documentKeyWithoutId_takesTheIdFromTheFullDocument() {
        // mongo-java-server puts the update operators in the key.
        BusEvent event =
                convert(
                        "{operationType: 'update', documentKey: {$set: {name: 'n3'}},"
                                + " fullDocument: {_id: 'abc', name: 'n3'}}");

        assertThat(event.routingKey()).isEqualTo("nodes.updated.abc");
    }

    @Test
    void collectionOf_isTheFirstWordOfThePattern() {
        assertThat(ChangeEvents.collectionOf(binding("nodes.#"), EXCHANGE)).isEqualTo("nodes");
        assertThat(ChangeEvents.collectionOf(binding("nodes.*." + OID), EXCHANGE))
                .isEqualTo("nodes");
        assertThat(ChangeEvents.collectionOf(binding("graphobjects"), EXCHANGE))
                .isEqualTo("graphobjects");
    }

    @Test
    void collectionOf_refusesWildcardsEmptyNamesAndOtherExchanges() {
        assertRejected(binding("#"), "collection name");
        assertRejected(binding("*.created.x"), "collection name");
        assertRejected(binding("#.nodes"), "collection name");
        assertRejected(binding(".created"), "not a collection name");
        assertRejected(binding("$cmd.#"), "not a collection name");
        assertRejected(new TopicBinding("on.events", "nodes.#"), "on.waterline");
    }

    private static void assertRejected(TopicBinding binding, String messagePart) {
        assertThatThrownBy(() -> ChangeEvents.collectionOf(binding, EXCHANGE))
                .isInstanceOfSatisfying(
                        EventFeedException.class,
                        e -> assertThat(e.reason()).isEqualTo(EventFeedException.Reason.REJECTED))
                .hasMessageContaining(messagePart);
    }

    private static TopicBinding binding(String pattern) {
        return new TopicBinding(EXCHANGE, pattern);
    }

    /** Decodes the event as the driver does, then converts it. */
    private static BusEvent convert(String changeEvent) {
        BsonDocument raw = BsonDocument.parse(changeEvent);
        raw.put("_id", BsonDocument.parse("{_data: '8265F0'}"));
        ChangeStreamDocument<BsonDocument> change =
                CODEC.decode(new BsonDocumentReader(raw), DecoderContext.builder().build());
        return ChangeEvents.toBusEvent(EXCHANGE, "nodes", change);
    }

    private static JsonNode body(BusEvent event) throws IOException {
        return JSON.readTree(event.body());
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }
}

package io.monorail.ws.app.demo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.bson.types.ObjectId;

/**
 * Writes the way RackHD's services do: a record into MongoDB and, for it, the waterline event on
 * {@code on.waterline}; workflow events on {@code on.events}; log lines on {@code on.logging}. Used
 * by {@code --demo} and by the end-to-end tests.
 */
public final class RackHdWriter implements AutoCloseable {
    private static final JsonWriterSettings RELAXED =
            JsonWriterSettings.builder()
                    .outputMode(JsonMode.RELAXED)
                    .objectIdConverter((id, writer) -> writer.writeString(id.toHexString()))
                    .dateTimeConverter(
                            (millis, writer) ->
                                    writer.writeString(
                                            DateTimeFormatter.ISO_INSTANT.format(
                                                    Instant.ofEpochMilli(millis))))
                    .build();

    private final MongoClient mongo;
    private final MongoDatabase database;
    private final Connection amqp;
    private final Channel channel;

    public RackHdWriter(String mongoUri, String database, URI amqpUri) throws IOException {
        this.mongo = MongoClients.create(mongoUri);
        this.database = mongo.getDatabase(database);
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(amqpUri);
            this.amqp = factory.newConnection("monorail-rackhd-writer");
            this.channel = amqp.createChannel();
            channel.confirmSelect();
        } catch (TimeoutException | java.security.GeneralSecurityException e) {
            mongo.close();
            throw new IOException("cannot connect to the broker: " + e.getMessage(), e);
        }
    }

    /** Inserts a record (an {@code _id} ObjectId is added when missing) and publishes "created". */
    public synchronized Document create(String collection, Document record) throws IOException {
        record.putIfAbsent("_id", new ObjectId());
        Date now = new Date();
        record.putIfAbsent("createdAt", now);
        record.put("updatedAt", now);
        database.getCollection(collection).insertOne(record);
        publishRecord(collection, "created", record);
        return record;
    }

    /** Replaces a record with new fields and publishes "updated". */
    public synchronized Document update(String collection, Document record) throws IOException {
        record.put("updatedAt", new Date());
        database.getCollection(collection)
                .replaceOne(
                        Filters.eq("_id", record.get("_id")),
                        record,
                        new ReplaceOptions().upsert(true));
        publishRecord(collection, "updated", record);
        return record;
    }

    /** Deletes a record and publishes "destroyed" with its last state. */
    public synchronized void destroy(String collection, Document record) throws IOException {
        database.getCollection(collection).deleteOne(Filters.eq("_id", record.get("_id")));
        publishRecord(collection, "destroyed", record);
    }

    /** Publishes a JSON body to a topic exchange declared as RackHD declares it. */
    public synchronized void publish(String exchange, String routingKey, Map<String, ?> body)
            throws IOException {
        publishRaw(exchange, routingKey, new Document(body).toJson(RELAXED));
    }

    /** The record as RackHD publishes it: {@code id} instead of {@code _id}, ISO dates. */
    public static String recordJson(Document record) {
        Document published = new Document();
        record.forEach((key, value) -> published.put(key.equals("_id") ? "id" : key, value));
        return published.toJson(RELAXED);
    }

    /** The record's id as clients see it. */
    public static String id(Document record) {
        Object id = record.get("_id");
        return id instanceof ObjectId oid ? oid.toHexString() : String.valueOf(id);
    }

    /**
     * Publishes a record event as RackHD's waterline protocol does: routing key {@code
     * <collection>.<event>.<routingId>}, body {@code {"event", "record"}}. For most collections the
     * routing id is the record's id; RackHD keys graph objects by their {@code instanceId} and
     * sends some of their updates with a projected record.
     */
    public synchronized void publishRecord(
            String collection, String event, String routingId, Document record) throws IOException {
        String body = "{\"event\":\"" + event + "\",\"record\":" + recordJson(record) + "}";
        publishRaw("on.waterline", collection + "." + event + "." + routingId, body);
    }

    private void publishRecord(String collection, String event, Document record)
            throws IOException {
        publishRecord(collection, event, routingId(collection, record), record);
    }

    /** The id RackHD puts in a record event's routing key. */
    public static String routingId(String collection, Document record) {
        Object instanceId = record.get("instanceId");
        return collection.equals("graphobjects") && instanceId != null
                ? instanceId.toString()
                : id(record);
    }

    private void publishRaw(String exchange, String routingKey, String body) throws IOException {
        channel.exchangeDeclare(exchange, "topic", true, false, null);
        channel.basicPublish(exchange, routingKey, null, body.getBytes(StandardCharsets.UTF_8));
        try {
            channel.waitForConfirmsOrDie(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while publishing", e);
        } catch (TimeoutException e) {
            throw new IOException("broker did not confirm a publish in 10 s", e);
        }
    }

    /** Convenience for building documents. */
    public static Document doc(Object... keyValues) {
        Document doc = new Document();
        for (int i = 0; i < keyValues.length; i += 2) {
            doc.put((String) keyValues[i], keyValues[i + 1]);
        }
        return doc;
    }

    /** Convenience for lists. */
    public static List<Object> list(Object... values) {
        return List.of(values);
    }

    @Override
    public synchronized void close() {
        try {
            amqp.close();
        } catch (IOException | RuntimeException e) {
            // closing anyway
        }
        mongo.close();
    }
}

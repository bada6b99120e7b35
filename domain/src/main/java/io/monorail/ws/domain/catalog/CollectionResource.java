package io.monorail.ws.domain.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monorail.ws.domain.error.RequestException;
import io.monorail.ws.domain.filter.FieldAliases;
import io.monorail.ws.domain.filter.Filter;
import io.monorail.ws.domain.filter.FilterException;
import io.monorail.ws.domain.filter.FilterLimits;
import io.monorail.ws.domain.port.out.TopicBinding;
import io.monorail.ws.domain.subscription.EventTranslator;
import io.monorail.ws.domain.subscription.RecordChange;
import io.monorail.ws.domain.subscription.TranslatedEvent;
import io.monorail.ws.domain.subscription.WatchPlan;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A MongoDB collection whose writers publish record changes to a topic exchange as RackHD does:
 * routing key {@code <collection>.<event>.<id>}, body {@code {"event", "record"}}.
 *
 * <p>The id of a change is the one its routing key carries, as RackHD's on-wss reads it: for most
 * collections the record's {@code id}, but for {@code graphobjects} the workflow's {@code
 * instanceId} (RackHD publishes a graph's updates with a projected record whose {@code id} is the
 * MongoDB {@code _id}). {@code keyField} names the record field the routing key's id stands for; a
 * watch's {@code id} param matches that id.
 *
 * @param keyField the record field the routing key's id carries ({@code id} unless the writers key
 *     their events by another field)
 */
public record CollectionResource(
        String name, String collection, String changeExchange, String keyField, FilterLimits limits)
        implements ResourceDefinition {
    /** The key field of a collection whose events are keyed by the record's own id. */
    public static final String ID = "id";

    public CollectionResource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(changeExchange, "changeExchange");
        Objects.requireNonNull(keyField, "keyField");
        Objects.requireNonNull(limits, "limits");
        if (keyField.isEmpty() || keyField.contains(".") || keyField.startsWith("$")) {
            throw new IllegalArgumentException("keyField must be a top-level field name");
        }
    }

    public CollectionResource(
            String name, String collection, String changeExchange, FilterLimits limits) {
        this(name, collection, changeExchange, ID, limits);
    }

    @Override
    public WatchPlan planWatch(JsonNode params) throws RequestException {
        Filter filter = compileWatchFilter(params);
        // A plain id is pushed down to the broker, so only that record's events reach us.
        String id = pushedDownId(params);
        String key = id != null ? collection + ".*." + id : collection + ".#";
        return new WatchPlan(
                Set.of(new TopicBinding(changeExchange, key)), filter, new RecordEvents(keyField));
    }

    /**
     * Validates a filter over this collection's records, as {@code query} and {@code get} use it.
     */
    public Filter compileFilter(JsonNode params) throws RequestException {
        try {
            return Filter.compile(params, limits);
        } catch (FilterException e) {
            throw Resources.toRequestException(e);
        }
    }

    /**
     * Validates a watch filter: like {@link #compileFilter}, except that {@code id} names the id
     * the events are keyed by (so it reads {@code keyField} from stored records too).
     */
    private Filter compileWatchFilter(JsonNode params) throws RequestException {
        if (keyField.equals(ID)) {
            return compileFilter(params);
        }
        FieldAliases idIsTheKey = field -> List.of(field.equals(ID) ? keyField : field);
        try {
            return Filter.compile(params, limits, idIsTheKey);
        } catch (FilterException e) {
            throw Resources.toRequestException(e);
        }
    }

    /** The id a watch names plainly (as {@code id} or as the key field), or null. */
    private String pushedDownId(JsonNode params) {
        if (params == null || !params.isObject()) {
            return null;
        }
        JsonNode id = params.get(ID);
        if (id == null) {
            id = params.get(keyField);
        }
        return id != null && id.isTextual() && isWord(id.textValue()) ? id.textValue() : null;
    }

    private static boolean isWord(String value) {
        return !value.isEmpty()
                && value.indexOf('.') < 0
                && value.indexOf('*') < 0
                && value.indexOf('#') < 0;
    }

    /**
     * RackHD's record events: any event word becomes an {@code item} with {@code [word, id]},
     * except {@code destroyed}, a {@code remove}. Filters see the record with the routing key's id
     * as its {@code id} (and as its key field).
     */
    private record RecordEvents(String keyField) implements EventTranslator {
        @Override
        public TranslatedEvent translate(String routingKey, JsonNode body) {
            String[] words = routingKey.split("\\.", -1);
            JsonNode record = body.isObject() ? body.get("record") : null;
            ObjectNode data =
                    record != null && record.isObject()
                            ? (ObjectNode) record
                            : JsonNodeFactory.instance.objectNode();
            // The routing key decides, as on-wss reads it; the body only when the key is short.
            String word =
                    words.length >= 3 ? words[words.length - 2] : body.path("event").asText("");
            String id = words.length >= 3 ? words[words.length - 1] : textId(data);
            if (word.isEmpty() || id == null) {
                return null;
            }
            ObjectNode target = data.deepCopy();
            target.put(ID, id);
            if (!keyField.equals(ID)) {
                target.put(keyField, id);
            }
            return TranslatedEvent.of(target, new RecordChange(word, id, data));
        }

        @Override
        public String documentId(JsonNode document) {
            JsonNode key = document.get(keyField);
            if (key != null && key.isValueNode() && !key.isNull()) {
                return key.asText();
            }
            return textId(document);
        }

        private static String textId(JsonNode record) {
            JsonNode id = record.get(ID);
            return id != null && id.isValueNode() && !id.isNull() ? id.asText() : null;
        }
    }

    @Override
    public String toString() {
        return "collection " + name + " (" + collection + ")";
    }
}

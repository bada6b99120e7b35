package io.monorail.ws.domain.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.monorail.ws.domain.RequestException;
import io.monorail.ws.domain.filter.Filter;
import io.monorail.ws.domain.filter.FilterException;
import io.monorail.ws.domain.filter.FilterLimits;
import io.monorail.ws.domain.port.out.TopicBinding;
import io.monorail.ws.domain.subscription.EventTranslator;
import io.monorail.ws.domain.subscription.TranslatedEvent;
import io.monorail.ws.domain.subscription.WatchPlan;
import java.util.Objects;
import java.util.Set;

/**
 * A MongoDB collection whose writers publish record changes to a topic exchange as RackHD does:
 * routing key {@code <collection>.<created|updated|destroyed>.<id>}, body {@code {"event",
 * "record"}}.
 */
public record CollectionResource(
        String name, String collection, String changeExchange, FilterLimits limits)
        implements ResourceDefinition {
    public CollectionResource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(changeExchange, "changeExchange");
        Objects.requireNonNull(limits, "limits");
    }

    @Override
    public WatchPlan planWatch(JsonNode params) throws RequestException {
        Filter filter = compileFilter(params);
        JsonNode id = params == null ? null : params.get("id");
        // A plain id is pushed down to the broker, so only that record's events reach us.
        String key =
                id != null && id.isTextual() && isWord(id.textValue())
                        ? collection + ".*." + id.textValue()
                        : collection + ".#";
        return new WatchPlan(Set.of(new TopicBinding(changeExchange, key)), filter, translator());
    }

    /** Validates a filter over this collection's records. */
    public Filter compileFilter(JsonNode params) throws RequestException {
        try {
            return Filter.compile(params, limits);
        } catch (FilterException e) {
            throw Resources.toRequestException(e);
        }
    }

    private EventTranslator translator() {
        return RecordEvents.INSTANCE;
    }

    private static boolean isWord(String value) {
        return !value.isEmpty()
                && value.indexOf('.') < 0
                && value.indexOf('*') < 0
                && value.indexOf('#') < 0;
    }

    /** RackHD's record events, shared by every collection resource. */
    private enum RecordEvents implements EventTranslator {
        INSTANCE;

        @Override
        public TranslatedEvent translate(String routingKey, JsonNode body) {
            String[] words = routingKey.split("\\.");
            JsonNode record = body.isObject() ? body.get("record") : null;
            String event =
                    body.isObject() && body.path("event").isTextual()
                            ? body.get("event").textValue()
                            : words.length >= 2 ? words[words.length - 2] : "";
            JsonNode id =
                    record != null && record.hasNonNull("id")
                            ? record.get("id")
                            : words.length >= 3 ? TextNode.valueOf(words[words.length - 1]) : null;
            if (id == null) {
                return null;
            }
            ObjectNode target =
                    record != null && record.isObject()
                            ? (ObjectNode) record
                            : JsonNodeFactory.instance.objectNode();
            ObjectNode fields = JsonNodeFactory.instance.objectNode();
            switch (event) {
                case "created", "updated" -> {
                    fields.putArray("id").add(event).add(id);
                    fields.set("data", target);
                    return new TranslatedEvent(target, "item", fields);
                }
                case "destroyed" -> {
                    fields.set("id", id);
                    fields.putObject("params").set("id", id);
                    fields.set("data", target);
                    return new TranslatedEvent(target, "remove", fields);
                }
                default -> {
                    return null;
                }
            }
        }
    }

    @Override
    public String toString() {
        return "collection " + name + " (" + collection + ")";
    }
}

package io.monorail.ws.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.monorail.ws.protocol.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a watch frame ({@code item}, {@code remove}, {@code list}) as a {@link WatchListener} call.
 */
final class WatchEvents {
    private WatchEvents() {}

    static void deliver(Message frame, WatchListener listener) {
        String handler = frame.handler();
        JsonNode data = frame.data() == null ? NullNode.instance : frame.data();
        switch (handler == null ? "" : handler) {
            case "item" -> item(frame.id(), data, listener);
            case "remove" -> {
                if ("leave".equals(frame.text("reason"))) {
                    listener.left(removedId(frame), data);
                } else {
                    listener.destroyed(removedId(frame), data);
                }
            }
            case "list" -> listener.snapshot(items(frame.items()));
            default -> {
                // Not a watch event (an error is routed elsewhere): nothing to tell.
            }
        }
    }

    private static void item(JsonNode id, JsonNode data, WatchListener listener) {
        // Collection events: id is ["<event>", "<docId>"]; topic events: the routing key.
        if (id != null && id.isArray() && id.size() == 2 && id.get(0).isTextual()) {
            String docId = text(id.get(1));
            switch (id.get(0).textValue()) {
                case "created" -> listener.created(docId, data);
                case "updated" -> listener.updated(docId, data);
                default -> listener.changed(id.get(0).textValue(), docId, data);
            }
            return;
        }
        listener.event(text(id), data);
    }

    private static String removedId(Message frame) {
        JsonNode id = frame.id();
        if (id == null && frame.params() != null) {
            id = frame.params().get("id");
        }
        return text(id);
    }

    private static List<JsonNode> items(JsonNode items) {
        List<JsonNode> list = new ArrayList<>();
        if (items != null && items.isArray()) {
            items.forEach(list::add);
        }
        return List.copyOf(list);
    }

    /** Ids are strings on the wire; anything else is shown as its JSON text. */
    static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isTextual() ? node.textValue() : node.toString();
    }
}

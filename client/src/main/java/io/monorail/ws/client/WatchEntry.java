package io.monorail.ws.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.monorail.ws.protocol.Frames;
import io.monorail.ws.protocol.Message;
import io.monorail.ws.protocol.TypeField;
import java.util.ArrayList;
import java.util.List;

/**
 * One watch as the server knows it (one per {@link WatchKey}), shared by every handle with that key
 * and by the raw API. Confined to the event loop.
 */
final class WatchEntry {
    final WatchKey key;
    final JsonNode params;
    final boolean snapshot;
    final String ref;

    /** Wanted through the raw {@code watch(type, params)}. */
    boolean raw;

    /** Sent within the current server session: the server has it (or refused it). */
    boolean onServer;

    private final List<WatchHandle> handles = new ArrayList<>();

    WatchEntry(WatchKey key, JsonNode params, boolean snapshot, String ref) {
        this.key = key;
        this.params = params;
        this.snapshot = snapshot;
        this.ref = ref;
    }

    void add(WatchHandle handle) {
        handles.add(handle);
    }

    boolean remove(WatchHandle handle) {
        return handles.remove(handle);
    }

    /** Nobody wants it any more. */
    boolean unused() {
        return !raw && handles.isEmpty();
    }

    void deliver(Message frame) {
        for (WatchHandle handle : List.copyOf(handles)) {
            handle.deliver(frame);
        }
    }

    void fail(MonorailException error) {
        for (WatchHandle handle : List.copyOf(handles)) {
            handle.fail(error);
        }
        handles.clear();
    }

    void end() {
        handles.forEach(WatchHandle::end);
        handles.clear();
    }

    ObjectNode watchFrame(TypeField field) {
        ObjectNode frame = Frames.request("watch", field, key.type(), copy(params));
        if (snapshot) {
            frame.put("snapshot", true);
        }
        return Frames.withRef(frame, TextNode.valueOf(ref));
    }

    /** Always with params: a stop without them would end every watch of the type. */
    ObjectNode stopFrame(TypeField field) {
        JsonNode stopParams = params == null ? JsonNodeFactory.instance.objectNode() : params;
        return Frames.request("stop", field, key.type(), stopParams.deepCopy());
    }

    private static JsonNode copy(JsonNode node) {
        return node == null ? null : node.deepCopy();
    }
}

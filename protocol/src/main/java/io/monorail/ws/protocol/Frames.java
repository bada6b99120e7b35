package io.monorail.ws.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds the frames of the protocol, both directions. */
public final class Frames {
    /** How much of an offending request an {@code error} frame echoes. */
    public static final int MAX_ECHOED_REQUEST_CHARS = 256;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Frames() {}

    /** {@code {"handler":"session","id":...}}, as answered to a plain {@code init}. */
    public static ObjectNode session(String id) {
        ObjectNode frame = NODES.objectNode().put("handler", "session").put("id", id);
        return frame;
    }

    /**
     * A {@code session} answering a resume attempt; {@code reason} says why it was not resumed
     * (null when it was).
     */
    public static ObjectNode session(String id, boolean resumed, ResumeReason reason) {
        ObjectNode frame = session(id).put("resumed", resumed);
        if (reason != null) {
            frame.put("reason", reason.wire());
        }
        return frame;
    }

    /**
     * {@code {"handler":"auth","expiresAt":"<ISO-8601>"}}, answering an accepted in-band token
     * refresh; {@code expiresAt} is omitted when null.
     */
    public static ObjectNode authAccepted(String expiresAt) {
        ObjectNode frame = NODES.objectNode().put("handler", "auth");
        if (expiresAt != null) {
            frame.put("expiresAt", expiresAt);
        }
        return frame;
    }

    /** {@code {"handler":"list","type":T,"items":[...]}}. */
    public static ObjectNode list(TypeField field, String type, ArrayNode items) {
        ObjectNode frame = head("list", field, type);
        frame.set("items", items);
        return frame;
    }

    /** {@code {"handler":"item","type":T,"id":...,"data":...}}; {@code data} omitted when null. */
    public static ObjectNode item(TypeField field, String type, JsonNode id, JsonNode data) {
        ObjectNode frame = head("item", field, type);
        frame.set("id", id);
        if (data != null) {
            frame.set("data", data);
        }
        return frame;
    }

    /** {@code {"handler":"remove","type":T,"id":...,"params":{"id":...},"data":...}}. */
    public static ObjectNode remove(TypeField field, String type, JsonNode id, JsonNode data) {
        ObjectNode frame = head("remove", field, type);
        frame.set("id", id);
        frame.putObject("params").set("id", id);
        if (data != null) {
            frame.set("data", data);
        }
        return frame;
    }

    /**
     * {@code {"handler":"error","type":T|null,"params":{"code","message","request"}}}; {@code
     * request} is the offending frame's text, truncated, or null.
     */
    public static ObjectNode error(
            TypeField field, String type, ErrorCode code, String message, String request) {
        ObjectNode frame = head("error", field, type);
        ObjectNode params = frame.putObject("params");
        params.put("code", code.wire());
        params.put("message", message);
        if (request != null) {
            params.put("request", truncate(request));
        }
        return frame;
    }

    /** A client request: {@code {"handler":h,"type":T,"params":...}}; type and params optional. */
    public static ObjectNode request(
            String handler, TypeField field, String type, JsonNode params) {
        ObjectNode frame = NODES.objectNode().put("handler", handler);
        if (type != null) {
            frame.put(field.fieldName(), type);
        }
        if (params != null) {
            frame.set("params", params);
        }
        return frame;
    }

    /** Adds {@code ref} to a frame when there is one; returns the frame. */
    public static ObjectNode withRef(ObjectNode frame, JsonNode ref) {
        if (ref != null && !ref.isNull()) {
            frame.set("ref", ref);
        }
        return frame;
    }

    static String truncate(String request) {
        return request.length() <= MAX_ECHOED_REQUEST_CHARS
                ? request
                : request.substring(0, MAX_ECHOED_REQUEST_CHARS) + "...";
    }

    private static ObjectNode head(String handler, TypeField field, String type) {
        ObjectNode frame = NODES.objectNode().put("handler", handler);
        if (type == null) {
            frame.putNull(field.fieldName());
        } else {
            frame.put(field.fieldName(), type);
        }
        return frame;
    }
}

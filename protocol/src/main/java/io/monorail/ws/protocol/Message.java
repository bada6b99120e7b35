package io.monorail.ws.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One protocol frame, either direction: a JSON object with a {@code handler}. A read-only view; the
 * accessors never throw on a field of the wrong shape, they answer {@code null} or empty.
 */
public final class Message {
    private final ObjectNode json;

    private Message(ObjectNode json) {
        this.json = Objects.requireNonNull(json, "json");
    }

    /** Wraps a frame; the caller gives up the right to change {@code json} afterwards. */
    public static Message of(ObjectNode json) {
        return new Message(json);
    }

    /** The handler name, or {@code null} when absent or not a string. */
    public String handler() {
        return text("handler");
    }

    /**
     * The field that names the resource, and so the one its answers use: {@code type} when present,
     * otherwise {@code resource}. A request naming neither (it relies on the URL's channel) is
     * answered with {@code resource}, as RackHD's on-wss always answers.
     */
    public TypeField typeField() {
        return json.has("type") ? TypeField.TYPE : TypeField.RESOURCE;
    }

    /** The node naming the resource (under {@code type} or {@code resource}), or {@code null}. */
    public JsonNode typeNode() {
        JsonNode node = json.get(typeField().fieldName());
        return node == null || node.isNull() ? null : node;
    }

    /** The resource name, or {@code null} when absent or not a string. */
    public String type() {
        JsonNode node = typeNode();
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    /** {@code params}, or {@code null} when absent or JSON null. */
    public JsonNode params() {
        return get("params");
    }

    /** The client's correlation value, or {@code null}. */
    public JsonNode ref() {
        return get("ref");
    }

    /** {@code id}, or {@code null}. */
    public JsonNode id() {
        return get("id");
    }

    /** {@code data}, or {@code null}. */
    public JsonNode data() {
        return get("data");
    }

    /** {@code items}, or {@code null}. */
    public JsonNode items() {
        return get("items");
    }

    /** {@code seq} when it is an integral number. */
    public OptionalLong seq() {
        JsonNode node = json.get("seq");
        return node != null && node.isIntegralNumber() && node.canConvertToLong()
                ? OptionalLong.of(node.longValue())
                : OptionalLong.empty();
    }

    /** True when {@code field} is the JSON literal {@code true}. */
    public boolean flag(String field) {
        JsonNode node = json.get(field);
        return node != null && node.isBoolean() && node.booleanValue();
    }

    /** A string field, or {@code null} when absent or not a string. */
    public String text(String field) {
        JsonNode node = json.get(field);
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    /** Any field, or {@code null} when absent or JSON null. */
    public JsonNode get(String field) {
        JsonNode node = json.get(field);
        return node == null || node.isNull() ? null : node;
    }

    /** The whole frame. Treat it as read-only. */
    public ObjectNode json() {
        return json;
    }

    @Override
    public String toString() {
        return json.toString();
    }
}

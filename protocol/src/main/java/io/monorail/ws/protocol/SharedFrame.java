package io.monorail.ws.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A watch event serialized once and rendered for many recipients. What differs per recipient (the
 * name of the type field, its {@code seq} and the {@code ref} of its watch) is spliced around the
 * shared body without serializing the event's data again.
 */
public final class SharedFrame {
    private final String handler;
    private final String type;
    private final String typeHead;
    private final String resourceHead;
    private final String body;

    private SharedFrame(
            String handler, String type, String typeHead, String resourceHead, String body) {
        this.handler = handler;
        this.type = type;
        this.typeHead = typeHead;
        this.resourceHead = resourceHead;
        this.body = body;
    }

    /**
     * Serializes {@code fields} (an object holding {@code id}, {@code data}, ...) once, to be sent
     * as a {@code handler} frame of resource {@code type}.
     */
    public static SharedFrame of(
            MessageCodec codec, String handler, String type, ObjectNode fields) {
        String quotedHandler = codec.encode(TextNode.valueOf(handler));
        String quotedType = codec.encode(TextNode.valueOf(type));
        String encoded = codec.encode(fields);
        // "{...}" minus its braces; empty when there are no fields.
        String body = encoded.substring(1, encoded.length() - 1);
        return new SharedFrame(
                handler,
                type,
                "{\"handler\":" + quotedHandler + ",\"type\":" + quotedType,
                "{\"handler\":" + quotedHandler + ",\"resource\":" + quotedType,
                body);
    }

    public String handler() {
        return handler;
    }

    public String type() {
        return type;
    }

    /** Size of the shared part in UTF-16 chars; a cheap estimate of the frame's size. */
    public int length() {
        return body.length() + typeHead.length() + 32;
    }

    /**
     * The frame for one recipient.
     *
     * @param refJson the watch's {@code ref} already serialized as JSON, or null
     */
    public String render(TypeField field, long seq, String refJson) {
        String head = field == TypeField.RESOURCE ? resourceHead : typeHead;
        StringBuilder text =
                new StringBuilder(
                        head.length()
                                + body.length()
                                + 40
                                + (refJson == null ? 0 : refJson.length()));
        text.append(head);
        if (!body.isEmpty()) {
            text.append(',').append(body);
        }
        text.append(",\"seq\":").append(seq);
        if (refJson != null) {
            text.append(",\"ref\":").append(refJson);
        }
        return text.append('}').toString();
    }

    /** Serializes a {@code ref} once so that {@link #render} can splice it. */
    public static String encodeRef(MessageCodec codec, JsonNode ref) {
        return ref == null || ref.isNull() ? null : codec.encode(ref);
    }
}

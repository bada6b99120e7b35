package io.monorail.ws.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;

/**
 * A watch event encoded once, as UTF-8, and rendered for many recipients. What differs per
 * recipient (the name of the type field, its {@code seq} and the {@code ref} of its watch) is
 * spliced around the shared bytes: per recipient, one byte array of exactly the frame's size is
 * filled, and nothing is serialized or scanned again. Immutable and thread-safe.
 */
public final class SharedFrame {
    private static final byte[] SEQ = bytes(",\"seq\":");
    private static final byte[] REF = bytes(",\"ref\":");
    // Long.MIN_VALUE's digits: the widest a seq can be.
    private static final int MAX_DIGITS = 20;

    private final String handler;
    private final String type;
    private final byte[] typeHead;
    private final byte[] resourceHead;
    // ",<fields>" without the braces, or empty when there are no fields.
    private final byte[] body;

    private SharedFrame(
            String handler, String type, byte[] typeHead, byte[] resourceHead, byte[] body) {
        this.handler = handler;
        this.type = type;
        this.typeHead = typeHead;
        this.resourceHead = resourceHead;
        this.body = body;
    }

    /**
     * Serializes {@code fields} (an object holding {@code id}, {@code data}, ...) once, to be sent
     * as a {@code handler} frame of resource {@code type} ({@code null}: a {@code null} type).
     */
    public static SharedFrame of(
            MessageCodec codec, String handler, String type, ObjectNode fields) {
        String quotedHandler = codec.encode(TextNode.valueOf(handler));
        String quotedType = type == null ? "null" : codec.encode(TextNode.valueOf(type));
        String encoded = codec.encode(fields);
        String inner = encoded.substring(1, encoded.length() - 1);
        return new SharedFrame(
                handler,
                type,
                bytes("{\"handler\":" + quotedHandler + ",\"type\":" + quotedType),
                bytes("{\"handler\":" + quotedHandler + ",\"resource\":" + quotedType),
                inner.isEmpty() ? new byte[0] : bytes("," + inner));
    }

    public String handler() {
        return handler;
    }

    public String type() {
        return type;
    }

    /** Size of the shared part in bytes; about the size of one rendered frame. */
    public int length() {
        return body.length + typeHead.length + 16;
    }

    /**
     * The frame for one recipient, as UTF-8 JSON text.
     *
     * @param ref the watch's {@code ref} already serialized as UTF-8 JSON, or null
     */
    public byte[] render(TypeField field, long seq, byte[] ref) {
        byte[] head = field == TypeField.RESOURCE ? resourceHead : typeHead;
        int digits = digits(seq);
        int size =
                head.length
                        + body.length
                        + SEQ.length
                        + digits
                        + (ref == null ? 0 : REF.length + ref.length)
                        + 1;
        byte[] frame = new byte[size];
        int at = put(frame, 0, head);
        at = put(frame, at, body);
        at = put(frame, at, SEQ);
        at = putDigits(frame, at, seq, digits);
        if (ref != null) {
            at = put(frame, at, REF);
            at = put(frame, at, ref);
        }
        frame[at] = '}';
        return frame;
    }

    /** The frame for one recipient as text, for tests and logs. */
    public String renderText(TypeField field, long seq, byte[] ref) {
        return new String(render(field, seq, ref), StandardCharsets.UTF_8);
    }

    /** Serializes a {@code ref} once, as UTF-8 JSON, so that {@link #render} can splice it. */
    public static byte[] encodeRef(MessageCodec codec, JsonNode ref) {
        return ref == null || ref.isNull() ? null : bytes(codec.encode(ref));
    }

    private static int put(byte[] into, int at, byte[] part) {
        System.arraycopy(part, 0, into, at, part.length);
        return at + part.length;
    }

    private static int digits(long value) {
        if (value < 0) {
            return value == Long.MIN_VALUE ? MAX_DIGITS : 1 + digits(-value);
        }
        int digits = 1;
        for (long bound = 10; digits < 19 && value >= bound; bound *= 10) {
            digits++;
        }
        return digits;
    }

    private static int putDigits(byte[] into, int at, long value, int digits) {
        if (value < 0) {
            // seq is never negative; keep the general case simple and correct.
            byte[] text = bytes(Long.toString(value));
            return put(into, at, text);
        }
        long rest = value;
        for (int i = at + digits - 1; i >= at; i--) {
            into[i] = (byte) ('0' + (rest % 10));
            rest /= 10;
        }
        return at + digits;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

package io.monorail.ws.protocol;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strict JSON codec of the protocol. A frame must be exactly one JSON object, without duplicate
 * keys, nested no deeper than a limit, with a string {@code handler}. Anything else is a {@link
 * ProtocolException} carrying the error code the peer should receive. Thread-safe.
 */
public final class MessageCodec {
    private static final Pattern DUPLICATE =
            Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);

    /** Default maximum nesting depth of a frame; deep enough for any sane filter. */
    public static final int DEFAULT_MAX_DEPTH = 32;

    private final int maxDepth;
    private final ObjectMapper mapper;

    public MessageCodec() {
        this(DEFAULT_MAX_DEPTH);
    }

    public MessageCodec(int maxDepth) {
        if (maxDepth < 2) {
            throw new IllegalArgumentException("maxDepth must be at least 2, was " + maxDepth);
        }
        this.maxDepth = maxDepth;
        this.mapper =
                JsonMapper.builder()
                        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                        .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                        .build();
        mapper.getFactory()
                .setStreamReadConstraints(
                        StreamReadConstraints.builder().maxNestingDepth(maxDepth).build());
    }

    /**
     * Parses a frame and checks its handler.
     *
     * @throws ProtocolException {@code bad_json} for anything that is not one JSON object, {@code
     *     missing_handler} when {@code handler} is absent or not a string (the parsed frame is
     *     attached so the error can echo {@code ref})
     */
    public Message decode(String text) throws ProtocolException {
        ObjectNode frame = parseObject(text);
        JsonNode handler = frame.get("handler");
        if (handler == null || handler.isNull()) {
            throw new ProtocolException(
                    ErrorCode.MISSING_HANDLER, "frame has no \"handler\"", frame);
        }
        if (!handler.isTextual()) {
            throw new ProtocolException(
                    ErrorCode.MISSING_HANDLER, "\"handler\" must be a string", frame);
        }
        return Message.of(frame);
    }

    /** Parses one JSON object, with the same strictness as {@link #decode}. */
    public ObjectNode parseObject(String text) throws ProtocolException {
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (StreamConstraintsException e) {
            throw new ProtocolException(
                    ErrorCode.BAD_JSON,
                    "frame too complex (nesting deeper than " + maxDepth + " or a value too long)");
        } catch (JsonProcessingException e) {
            throw new ProtocolException(ErrorCode.BAD_JSON, "malformed JSON: " + summary(e));
        }
        if (node == null || node.isMissingNode()) {
            throw new ProtocolException(ErrorCode.BAD_JSON, "empty frame");
        }
        if (!node.isObject()) {
            throw new ProtocolException(
                    ErrorCode.BAD_JSON,
                    "frame must be a JSON object, was " + node.getNodeType().name().toLowerCase());
        }
        return (ObjectNode) node;
    }

    /**
     * Reads a message body from a bus: JSON when it is JSON, otherwise the UTF-8 text as a JSON
     * string (or, when it is not UTF-8 either, the bytes decoded leniently), so a body is never
     * dropped.
     */
    public JsonNode readBody(byte[] body) {
        try {
            JsonNode node = mapper.readTree(body);
            if (node != null && !node.isMissingNode()) {
                return node;
            }
        } catch (IOException notJson) {
            // fall through: deliver it as text
        }
        try {
            return TextNode.valueOf(
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(body))
                            .toString());
        } catch (CharacterCodingException notUtf8) {
            return TextNode.valueOf(new String(body, StandardCharsets.ISO_8859_1));
        }
    }

    /** Serializes a frame or any JSON value. */
    public String encode(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            // A tree of JsonNodes always serializes; this would be a bug in Jackson.
            throw new IllegalStateException("cannot serialize JSON tree", e);
        }
    }

    /** Serializes a message. */
    public String encode(Message message) {
        return encode(message.json());
    }

    /**
     * Our own words for what Jackson found, with where: Jackson's messages name its classes and
     * features, which clients have no business reading.
     */
    private static String summary(JsonProcessingException e) {
        String reason = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher duplicate = DUPLICATE.matcher(reason);
        String what;
        if (duplicate.find()) {
            what = "duplicate key \"" + ClientText.abbreviate(duplicate.group(1)) + "\"";
        } else if (reason.startsWith("Trailing token")) {
            what = "more than one JSON value in the frame";
        } else if (reason.startsWith("Unexpected end-of-input")) {
            what = "the frame ends in the middle of a value";
        } else if (reason.startsWith("Unexpected character")) {
            what = "unexpected character";
        } else if (reason.contains("Invalid UTF-8") || reason.contains("surrogate")) {
            what = "invalid text encoding";
        } else if (reason.contains("control character")) {
            what = "unescaped control character in a string";
        } else if (reason.startsWith("Unrecognized token")) {
            what = "unrecognized token";
        } else {
            what = "not valid JSON";
        }
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 0
                ? what
                : what + " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }
}

package io.monorail.ws.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every frame the protocol module builds ({@link Frames}) or renders ({@link SharedFrame}), for
 * every handler, error code, resume reason and type field, conforms to the AsyncAPI document's
 * schemas; and frames of the wrong shape do not, so the schemas are not vacuous.
 */
class ProtocolFramesConformTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String SESSION_ID = "Xq3v9mJ0bC1sY2hWf8p4Lk7d";
    private static final String DOC_ID = "6650c0ffee0000000000a1b2";

    /** The handlers a client may send, as the gateway routes them. */
    private static final Set<String> CLIENT_HANDLERS =
            Set.of("init", "watch", "stop", "query", "all", "get", "auth", "error");

    private final MessageCodec codec = new MessageCodec();
    private final FrameSchemas schemas = new FrameSchemas();
    private final Schema server = schemas.serverFrame();
    private final Schema client = schemas.clientFrame();

    @Test
    void everyFrameTheGatewayBuilds_isAServerFrame() throws Exception {
        Map<String, String> frames = serverFrames();

        assertThat(frames).hasSizeGreaterThan(200);
        assertConform(server, frames);
    }

    @Test
    void everyFrameTheGatewayRendersForManyRecipients_isAServerFrame() throws Exception {
        Map<String, String> frames = sharedFrames();

        assertThat(frames).hasSizeGreaterThan(50);
        assertConform(server, frames);
    }

    @Test
    void everyRequestAClientBuilds_isAClientFrame() throws Exception {
        assertConform(client, clientFrames());
    }

    @Test
    void theSchemasHandlers_areTheProtocols() {
        Set<String> clientHandlers = handlers("ClientFrame");
        Set<String> serverHandlers = handlers("ServerFrame");

        assertThat(clientHandlers).isEqualTo(new TreeSet<>(CLIENT_HANDLERS));
        assertThat(serverHandlers)
                .containsExactlyInAnyOrder("session", "auth", "list", "item", "remove", "error");
    }

    @Test
    void serverFramesOfTheWrongShape_areRejected() throws Exception {
        ObjectNode error = Frames.error(TypeField.TYPE, "nodes", ErrorCode.BAD_PARAMS, "bad", "{}");
        List<String> wrong =
                List.of(
                        "{\"handler\":\"hello\"}",
                        "{\"type\":\"nodes\",\"items\":[]}",
                        "{\"handler\":\"item\",\"type\":\"nodes\"}",
                        "{\"handler\":\"item\",\"type\":\"nodes\",\"resource\":\"nodes\",\"id\":\"a\"}",
                        "{\"handler\":\"item\",\"id\":\"a\"}",
                        "{\"handler\":\"item\",\"type\":\"nodes\",\"id\":\"a\",\"extra\":1}",
                        "{\"handler\":\"item\",\"type\":\"nodes\",\"id\":[\"created\"],\"seq\":1}",
                        "{\"handler\":\"item\",\"type\":\"nodes\",\"id\":\"a\",\"reason\":\"enter\"}",
                        "{\"handler\":\"item\",\"type\":\"nodes\",\"id\":\"a\",\"seq\":0}",
                        "{\"handler\":\"item\",\"type\":\"nodes\",\"id\":\"a\",\"ref\":{\"x\":1}}",
                        "{\"handler\":\"list\",\"type\":\"nodes\",\"items\":[1]}",
                        "{\"handler\":\"list\",\"type\":\"nodes\",\"items\":[],\"truncated\":false}",
                        "{\"handler\":\"remove\",\"type\":\"nodes\",\"id\":\"a\"}",
                        "{\"handler\":\"session\"}",
                        "{\"handler\":\"session\",\"id\":\"s\",\"resumed\":true,\"reason\":\"gap\"}",
                        "{\"handler\":\"session\",\"id\":\"s\",\"resumed\":false}",
                        "{\"handler\":\"session\",\"id\":\"s\",\"resumed\":false,\"reason\":\"late\"}",
                        "{\"handler\":\"auth\",\"expiresAt\":\"tomorrow\"}",
                        "{\"handler\":\"error\",\"type\":null,\"params\":{\"code\":\"oops\",\"message\":\"m\"}}",
                        "{\"handler\":\"error\",\"type\":null,\"params\":{\"message\":\"m\"}}",
                        "{\"handler\":\"error\",\"type\":null}",
                        codec.encode(error.put("seq", -1)),
                        codec.encode(
                                Frames.error(
                                                TypeField.TYPE,
                                                "nodes",
                                                ErrorCode.BAD_PARAMS,
                                                "b",
                                                null)
                                        .put("stack", "at Foo.bar")),
                        codec.encode(
                                ((ObjectNode)
                                                Frames.error(
                                                                TypeField.TYPE,
                                                                null,
                                                                ErrorCode.INTERNAL,
                                                                "m",
                                                                "x".repeat(300))
                                                        .get("params"))
                                        .put("request", "x".repeat(300))));

        assertRejected(server, wrong);
    }

    @Test
    void clientFramesOfTheWrongShape_areRejected() {
        List<String> wrong =
                List.of(
                        "{}",
                        "{\"handler\":\"subscribe\",\"type\":\"nodes\"}",
                        "{\"handler\":7}",
                        "{\"handler\":\"watch\",\"type\":\"nodes\",\"resource\":\"nodes\"}",
                        "{\"handler\":\"watch\",\"type\":\"nodes\",\"snapshot\":\"yes\"}",
                        "{\"handler\":\"watch\",\"type\":\"nodes\",\"snapshop\":true}",
                        "{\"handler\":\"watch\",\"type\":\"nodes\",\"params\":{\"$where\":\"1\"}}",
                        "{\"handler\":\"watch\",\"type\":\"\"}",
                        "{\"handler\":\"query\",\"type\":\"nodes\",\"limit\":0}",
                        "{\"handler\":\"query\",\"type\":\"nodes\",\"sort\":{\"name\":2}}",
                        "{\"handler\":\"query\",\"type\":\"nodes\",\"sort\":{\"$name\":1}}",
                        "{\"handler\":\"query\",\"type\":\"nodes\",\"fields\":[\"a..b\"]}",
                        "{\"handler\":\"get\",\"type\":\"nodes\"}",
                        "{\"handler\":\"get\",\"type\":\"nodes\",\"params\":{}}",
                        "{\"handler\":\"init\",\"seq\":-1}",
                        "{\"handler\":\"init\",\"id\":42}",
                        "{\"handler\":\"auth\"}",
                        "{\"handler\":\"auth\",\"token\":\" \"}",
                        "{\"handler\":\"all\",\"type\":\"nodes\",\"ref\":[1]}");

        assertRejected(client, wrong);
    }

    /** What {@link Frames} builds for the gateway's answers, in every variant it has. */
    private Map<String, String> serverFrames() {
        Map<String, String> frames = new LinkedHashMap<>();
        frames.put("session", codec.encode(Frames.session(SESSION_ID)));
        frames.put("session resumed", codec.encode(Frames.session(SESSION_ID, true, null)));
        for (ResumeReason reason : ResumeReason.values()) {
            frames.put(
                    "session not resumed " + reason,
                    codec.encode(Frames.session(SESSION_ID, false, reason)));
        }
        frames.put("auth", codec.encode(Frames.authAccepted("2026-01-01T12:00:00Z")));
        frames.put("auth without expiry", codec.encode(Frames.authAccepted(null)));
        for (TypeField field : TypeField.values()) {
            ArrayNode items = NODES.arrayNode();
            frames.put("list empty " + field, codec.encode(Frames.list(field, "nodes", items)));
            frames.put(
                    "list " + field,
                    codec.encode(Frames.list(field, "nodes", NODES.arrayNode().add(document()))));
            frames.put(
                    "list truncated " + field,
                    codec.encode(
                            Frames.list(field, "nodes", NODES.arrayNode().add(document()))
                                    .put("truncated", true)));
            frames.put(
                    "item " + field,
                    codec.encode(
                            Frames.item(field, "nodes", TextNode.valueOf(DOC_ID), document())));
            frames.put(
                    "item of no id " + field,
                    codec.encode(Frames.item(field, "nodes", NODES.nullNode(), null)));
            frames.put(
                    "remove " + field,
                    codec.encode(Frames.remove(field, "nodes", TextNode.valueOf(DOC_ID), null)));
            frames.put(
                    "remove with data " + field,
                    codec.encode(
                            Frames.remove(field, "nodes", TextNode.valueOf(DOC_ID), document())));
            for (ErrorCode code : ErrorCode.values()) {
                for (String type : new String[] {"nodes", null}) {
                    for (String request : new String[] {null, "{\"handler\":\"x\"}", long_()}) {
                        frames.put(
                                "error " + code + " " + field + " " + type + " " + request,
                                codec.encode(Frames.error(field, type, code, "message", request)));
                    }
                }
            }
        }
        // Every reply echoes the request's ref, whatever scalar it was.
        Map<String, String> withRefs = new LinkedHashMap<>(frames);
        for (JsonNode ref : refs()) {
            frames.forEach(
                    (name, text) -> {
                        ObjectNode frame = parse(text);
                        withRefs.put(
                                name + " ref " + ref, codec.encode(Frames.withRef(frame, ref)));
                    });
        }
        return withRefs;
    }

    /** What {@link SharedFrame} renders for watch messages, as the domain encodes them. */
    private Map<String, String> sharedFrames() {
        Map<String, ObjectNode> bodies = new LinkedHashMap<>();
        bodies.put("item topic", fields("graph.started.5f1c", document()));
        bodies.put("item topic text body", fields("logs.info", TextNode.valueOf("not json")));
        ObjectNode created = NODES.objectNode();
        created.putArray("id").add("created").add(DOC_ID);
        created.set("data", document());
        bodies.put("item created", created);
        bodies.put("item enter", created.deepCopy().put("reason", "enter"));
        ObjectNode destroyed = fields(DOC_ID, document());
        destroyed.putObject("params").put("id", DOC_ID);
        bodies.put("remove destroyed", destroyed);
        bodies.put("remove leave", destroyed.deepCopy().put("reason", "leave"));
        ObjectNode list = NODES.objectNode();
        list.putArray("items").add(document());
        bodies.put("list snapshot", list);
        bodies.put("list snapshot truncated", list.deepCopy().put("truncated", true));
        ObjectNode notice =
                Frames.error(TypeField.TYPE, null, ErrorCode.BUS_UNAVAILABLE, "lost", null);
        notice.remove("handler");
        notice.remove("type");
        bodies.put("error bus notice", notice);

        Map<String, String> frames = new LinkedHashMap<>();
        bodies.forEach(
                (name, body) -> {
                    String handler = name.substring(0, name.indexOf(' '));
                    String type = handler.equals("error") ? null : "nodes";
                    SharedFrame shared = SharedFrame.of(codec, handler, type, body);
                    for (TypeField field : TypeField.values()) {
                        for (long seq : new long[] {1, 42, Long.MAX_VALUE}) {
                            frames.put(
                                    name + " " + field + " " + seq,
                                    shared.renderText(field, seq, null));
                            for (JsonNode ref : refs()) {
                                frames.put(
                                        name + " " + field + " " + seq + " ref " + ref,
                                        shared.renderText(
                                                field, seq, SharedFrame.encodeRef(codec, ref)));
                            }
                        }
                    }
                });
        return frames;
    }

    /** Requests as {@link Frames#request} builds them, for every client handler. */
    private Map<String, String> clientFrames() {
        ObjectNode filter = NODES.objectNode().put("type", "compute");
        ObjectNode mq = NODES.objectNode().put("exchange", "on.events").put("routingKey", "#");
        ObjectNode byId = NODES.objectNode().put("id", DOC_ID);
        Map<String, String> frames = new LinkedHashMap<>();
        for (TypeField field : TypeField.values()) {
            frames.put("watch " + field, request("watch", field, "nodes", filter));
            frames.put("watch topic " + field, request("watch", field, "mq", mq));
            frames.put("watch on channel " + field, request("watch", field, null, null));
            frames.put(
                    "watch snapshot " + field,
                    codec.encode(
                            Frames.request("watch", field, "nodes", filter).put("snapshot", true)));
            frames.put("stop " + field, request("stop", field, "nodes", filter));
            frames.put("stop all of a type " + field, request("stop", field, "nodes", null));
            frames.put("query " + field, request("query", field, "nodes", filter));
            ObjectNode paged = Frames.request("query", field, "nodes", filter);
            paged.put("limit", 10).put("skip", 20);
            paged.putObject("sort").put("name", 1).put("createdAt", "desc");
            paged.putArray("fields").add("id").add("obms.service");
            frames.put("query paged " + field, codec.encode(paged));
            frames.put("all " + field, request("all", field, "nodes", null));
            frames.put("get " + field, request("get", field, "nodes", byId));
            frames.put(
                    "get of no id " + field,
                    request("get", field, "nodes", NODES.objectNode().putNull("id")));
            frames.put("error " + field, request("error", field, null, filter));
        }
        frames.put("init", request("init", TypeField.TYPE, null, null));
        frames.put(
                "init resume",
                codec.encode(
                        Frames.request("init", TypeField.TYPE, null, null)
                                .put("id", SESSION_ID)
                                .put("seq", 41)));
        frames.put(
                "auth",
                codec.encode(
                        Frames.request("auth", TypeField.TYPE, null, null)
                                .put("token", "eyJhbGciOiJIUzI1NiJ9.e30.c2ln")));
        Map<String, String> withRefs = new LinkedHashMap<>(frames);
        for (JsonNode ref : refs()) {
            frames.forEach(
                    (name, text) ->
                            withRefs.put(
                                    name + " ref " + ref,
                                    codec.encode(Frames.withRef(parse(text), ref))));
        }
        assertThat(frames.keySet())
                .extracting(name -> name.split(" ")[0])
                .containsAll(CLIENT_HANDLERS);
        return withRefs;
    }

    private String request(String handler, TypeField field, String type, JsonNode params) {
        return codec.encode(Frames.request(handler, field, type, params));
    }

    /** Checks each frame after a round trip through the strict decoder, as a peer reads it. */
    private void assertConform(Schema schema, Map<String, String> frames) throws Exception {
        Map<String, List<String>> failures = new LinkedHashMap<>();
        for (Map.Entry<String, String> frame : frames.entrySet()) {
            JsonNode decoded = codec.decode(frame.getValue()).json();
            List<String> problems = FrameSchemas.problems(schema, decoded);
            if (!problems.isEmpty()) {
                failures.put(frame.getKey() + ": " + frame.getValue(), problems);
            }
        }
        assertThat(failures).as("frames that do not conform").isEmpty();
    }

    private void assertRejected(Schema schema, List<String> frames) {
        List<String> accepted = new ArrayList<>();
        for (String frame : frames) {
            if (FrameSchemas.problems(schema, parse(frame)).isEmpty()) {
                accepted.add(frame);
            }
        }
        assertThat(accepted).as("wrong frames the schema accepts").isEmpty();
    }

    private Set<String> handlers(String union) {
        Set<String> handlers = new TreeSet<>();
        JsonNode doc = FrameSchemas.document();
        for (JsonNode member : doc.at("/components/schemas/" + union + "/oneOf")) {
            String pointer = member.path("$ref").asText().substring(1);
            handlers.add(doc.at(pointer + "/properties/handler/const").asText());
        }
        return handlers;
    }

    private ObjectNode parse(String text) {
        try {
            return codec.parseObject(text);
        } catch (ProtocolException e) {
            throw new AssertionError("not a JSON object: " + text, e);
        }
    }

    private static ObjectNode fields(String id, JsonNode data) {
        ObjectNode fields = NODES.objectNode().put("id", id);
        fields.set("data", data);
        return fields;
    }

    private static ObjectNode document() {
        ObjectNode doc = NODES.objectNode().put("id", DOC_ID).put("name", "52:54:00:3e:11:9a");
        doc.put("type", "compute").put("createdAt", "2026-01-01T12:00:00.000Z");
        doc.putArray("tags").add("rack-7");
        return doc;
    }

    private static List<JsonNode> refs() {
        return List.of(TextNode.valueOf("w1"), IntNode.valueOf(7), BooleanNode.TRUE);
    }

    private static String long_() {
        return "{\"handler\":\"watch\",\"type\":\"" + "n".repeat(400) + "\"}";
    }
}

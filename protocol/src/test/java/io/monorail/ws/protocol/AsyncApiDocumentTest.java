package io.monorail.ws.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The AsyncAPI document is structurally sound as far as a test can tell without the official
 * meta-schema, and agrees with the protocol's enums.
 */
class AsyncApiDocumentTest {
    private static final Pattern ADDRESS_PARAMETER = Pattern.compile("\\{([^}]+)}");

    private final JsonNode doc = FrameSchemas.document();
    private final FrameSchemas schemas = new FrameSchemas();

    @Test
    void document_isAsyncApi3WithInfoServerChannelsAndOperations() {
        assertThat(doc.path("asyncapi").textValue()).isEqualTo("3.0.0");
        assertThat(doc.path("info").path("title").isTextual()).isTrue();
        assertThat(doc.path("info").path("version").isTextual()).isTrue();
        assertThat(doc.path("defaultContentType").textValue()).isEqualTo("application/json");
        JsonNode server = doc.path("servers").path("local");
        assertThat(server.path("protocol").textValue()).isEqualTo("ws");
        assertThat(server.path("host").isTextual()).isTrue();
        Set<String> addresses = new LinkedHashSet<>();
        doc.path("channels").forEach(channel -> addresses.add(channel.path("address").asText()));
        assertThat(addresses).containsExactlyInAnyOrder("/", "/{channel}");
        assertThat(doc.path("operations").size()).isPositive();
    }

    @Test
    void everyReference_resolvesInsideTheDocument() {
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);

        assertThat(refs).isNotEmpty();
        assertThat(refs)
                .allSatisfy(
                        ref -> {
                            assertThat(ref).as("a local reference").startsWith("#/");
                            assertThat(resolve(ref).isMissingNode()).as(ref).isFalse();
                        });
    }

    @Test
    void everyChannelParameter_isDeclared() {
        doc.path("channels")
                .forEach(
                        channel -> {
                            Matcher parameter =
                                    ADDRESS_PARAMETER.matcher(channel.path("address").asText());
                            Set<String> used = new LinkedHashSet<>();
                            while (parameter.find()) {
                                used.add(parameter.group(1));
                            }
                            Set<String> declared = new LinkedHashSet<>();
                            channel.path("parameters").fieldNames().forEachRemaining(declared::add);
                            assertThat(declared).isEqualTo(used);
                        });
    }

    @Test
    void everyMessage_hasAJsonPayloadSchemaThatLoads() {
        List<JsonNode> messages = new ArrayList<>();
        doc.path("components").path("messages").forEach(messages::add);
        doc.path("channels")
                .forEach(channel -> channel.path("messages").forEach(m -> messages.add(deref(m))));

        assertThat(messages).isNotEmpty();
        for (JsonNode message : messages) {
            JsonNode payload = message.path("payload");
            assertThat(payload.isObject()).as("payload of " + message.path("name")).isTrue();
            assertThat(deref(payload).isObject()).isTrue();
            assertThat(message.path("contentType").asText("application/json"))
                    .isEqualTo("application/json");
        }
        // Every schema compiles (a broken keyword would only show when a frame reaches it).
        doc.path("components")
                .path("schemas")
                .fieldNames()
                .forEachRemaining(name -> schemas.schema(name).initializeValidators());
    }

    @Test
    void everyOperation_sendsOrReceivesMessagesOfItsOwnChannel() {
        Map<String, JsonNode> operations = fields(doc.path("operations"));
        assertThat(operations.values())
                .extracting(op -> op.path("action").asText())
                .contains("send", "receive")
                .allMatch(action -> action.equals("send") || action.equals("receive"));
        operations.forEach(
                (id, op) -> {
                    assertMessagesOfChannel(id, op.path("channel"), op.path("messages"));
                    JsonNode reply = op.path("reply");
                    if (!reply.isMissingNode()) {
                        assertMessagesOfChannel(
                                id + " reply", reply.path("channel"), reply.path("messages"));
                    }
                });
    }

    @Test
    void everyChannelMessage_isUsedByAnOperation() {
        Set<String> used = new LinkedHashSet<>();
        doc.path("operations")
                .forEach(
                        op -> {
                            op.path("messages").forEach(m -> used.add(m.path("$ref").asText()));
                            op.path("reply")
                                    .path("messages")
                                    .forEach(m -> used.add(m.path("$ref").asText()));
                        });
        fields(doc.path("channels"))
                .forEach(
                        (channel, node) ->
                                node.path("messages")
                                        .fieldNames()
                                        .forEachRemaining(
                                                name ->
                                                        assertThat(used)
                                                                .contains(
                                                                        "#/channels/"
                                                                                + channel
                                                                                + "/messages/"
                                                                                + name)));
    }

    @Test
    void serverSecurity_namesTheBearerSubprotocolScheme() {
        JsonNode scheme = doc.at("/components/securitySchemes/bearerSubprotocol");
        assertThat(scheme.path("type").textValue()).isEqualTo("httpApiKey");
        assertThat(scheme.path("name").textValue()).isEqualTo("Sec-WebSocket-Protocol");
        List<String> security = new ArrayList<>();
        doc.at("/servers/local/security").forEach(s -> security.add(s.path("$ref").asText()));
        assertThat(security).contains("#/components/securitySchemes/bearerSubprotocol");
    }

    @Test
    void enums_areExactlyTheProtocolsErrorCodesAndResumeReasons() {
        assertThat(strings(doc.at("/components/schemas/ErrorCode/enum")))
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(ErrorCode.values()).map(ErrorCode::wire).toList());
        assertThat(strings(doc.at("/components/schemas/Session/properties/reason/enum")))
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(ResumeReason.values()).map(ResumeReason::wire).toList());
    }

    @Test
    void description_tellsEveryCloseCodeWithItsReason() {
        String description = doc.at("/info/description").asText();

        for (CloseCode code : CloseCode.values()) {
            assertThat(description)
                    .as(code.name())
                    .contains("| " + code.code() + " | `" + code.reason() + "` |");
        }
    }

    @Test
    void everyMessageExample_validatesAgainstItsPayload() {
        int checked = 0;
        for (Map.Entry<String, JsonNode> message :
                fields(doc.path("components").path("messages")).entrySet()) {
            String payload = message.getValue().path("payload").path("$ref").asText();
            for (JsonNode example : message.getValue().path("examples")) {
                assertThat(
                                FrameSchemas.problems(
                                        schemas.at(payload.substring(1)), example.path("payload")))
                        .as(message.getKey() + " example " + example.path("name"))
                        .isEmpty();
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(doc.path("components").path("messages").size());
    }

    private void assertMessagesOfChannel(String what, JsonNode channelRef, JsonNode messages) {
        String channel = channelRef.path("$ref").asText();
        assertThat(channel).as(what + " channel").startsWith("#/channels/");
        assertThat(resolve(channel).isMissingNode()).as(channel).isFalse();
        assertThat(messages.isArray()).as(what + " messages").isTrue();
        messages.forEach(
                m ->
                        assertThat(m.path("$ref").asText())
                                .as(what + " message")
                                .startsWith(channel + "/messages/"));
    }

    private JsonNode resolve(String ref) {
        return doc.at(ref.substring(1));
    }

    private JsonNode deref(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref") && hops < 8; hops++) {
            current = resolve(current.get("$ref").asText());
        }
        return current;
    }

    private static void collectRefs(JsonNode node, List<String> into) {
        if (node.isObject()) {
            node.properties()
                    .forEach(
                            field -> {
                                if (field.getKey().equals("$ref")) {
                                    into.add(field.getValue().asText());
                                } else {
                                    collectRefs(field.getValue(), into);
                                }
                            });
        } else if (node.isArray()) {
            node.forEach(element -> collectRefs(element, into));
        }
    }

    private static Map<String, JsonNode> fields(JsonNode object) {
        return object.properties().stream()
                .collect(
                        Collectors.toMap(
                                Map.Entry::getKey,
                                Map.Entry::getValue,
                                (a, b) -> a,
                                java.util.LinkedHashMap::new));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}

package io.monorail.ws.domain.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.monorail.ws.domain.filter.FilterLimits;
import io.monorail.ws.protocol.MessageCodec;
import io.monorail.ws.protocol.ProtocolException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The resources clients can name, loaded from data (see {@code default-catalog.json}), so that
 * adding a resource needs no code.
 */
public final class ResourceCatalog {
    private static final String DEFAULT = "default-catalog.json";

    private final Map<String, ResourceDefinition> resources;

    private ResourceCatalog(Map<String, ResourceDefinition> resources) {
        this.resources = Map.copyOf(resources);
    }

    /** The RackHD-compatible catalog shipped with the gateway. */
    public static ResourceCatalog defaults(FilterLimits limits) {
        try (InputStream in = ResourceCatalog.class.getResourceAsStream(DEFAULT)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT + " missing from the classpath");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return fromJson(new MessageCodec().parseObject(text), limits);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ProtocolException e) {
            throw new IllegalStateException(DEFAULT + " is not valid JSON: " + e.getMessage());
        }
    }

    /**
     * Reads a catalog document: {@code {"collectionChangeExchange": ..., "resources": {name:
     * {"kind": "collection"|"topic", ...}}}}.
     *
     * @throws IllegalArgumentException naming the resource and field at fault
     */
    public static ResourceCatalog fromJson(JsonNode document, FilterLimits limits) {
        JsonNode list = document.path("resources");
        if (!list.isObject() || list.isEmpty()) {
            throw new IllegalArgumentException("catalog: 'resources' must be a non-empty object");
        }
        String changeExchange = document.path("collectionChangeExchange").asText("on.waterline");
        Map<String, ResourceDefinition> resources = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : list.properties()) {
            String name = entry.getKey();
            JsonNode spec = entry.getValue();
            try {
                resources.put(name, definition(name, spec, changeExchange, limits));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException(
                        "catalog: resource '" + name + "': " + e.getMessage(), e);
            }
        }
        return new ResourceCatalog(resources);
    }

    /** The resource named {@code name}. */
    public Optional<ResourceDefinition> find(String name) {
        return Optional.ofNullable(resources.get(name));
    }

    public Collection<ResourceDefinition> all() {
        return resources.values();
    }

    /**
     * Every exchange a watch of some resource may bind: what a cluster's event stream must be bound
     * to, sorted.
     */
    public java.util.SortedSet<String> exchanges() {
        java.util.SortedSet<String> exchanges = new java.util.TreeSet<>();
        for (ResourceDefinition resource : resources.values()) {
            if (resource instanceof CollectionResource collection) {
                exchanges.add(collection.changeExchange());
            } else if (resource instanceof TopicResource topic) {
                if (topic.exchangeParam() != null) {
                    exchanges.addAll(topic.allowedExchanges());
                } else {
                    exchanges.add(topic.exchange());
                }
            }
        }
        return exchanges;
    }

    /** A copy in which every topic resource whose exchange comes from params allows these. */
    public ResourceCatalog withAllowedExchanges(Set<String> exchanges) {
        return withRawTopicLimits(exchanges, null);
    }

    /**
     * A copy in which every topic resource whose exchange comes from params ({@code mq}) binds only
     * routing keys within these patterns.
     */
    public ResourceCatalog withAllowedRoutingKeys(List<String> patterns) {
        return withRawTopicLimits(null, patterns);
    }

    /** Null leaves that limit as it is. */
    private ResourceCatalog withRawTopicLimits(Set<String> exchanges, List<String> routingKeys) {
        Map<String, ResourceDefinition> copy = new LinkedHashMap<>();
        resources.forEach(
                (name, resource) ->
                        copy.put(
                                name,
                                resource instanceof TopicResource topic
                                                && topic.exchangeParam() != null
                                        ? new TopicResource(
                                                topic.name(),
                                                topic.exchange(),
                                                topic.routingKeys(),
                                                topic.exchangeParam(),
                                                exchanges != null
                                                        ? exchanges
                                                        : topic.allowedExchanges(),
                                                routingKeys != null
                                                        ? routingKeys
                                                        : topic.allowedRoutingKeys(),
                                                topic.routingKeyParam(),
                                                topic.fields(),
                                                topic.limits())
                                        : resource));
        return new ResourceCatalog(copy);
    }

    private static ResourceDefinition definition(
            String name, JsonNode spec, String changeExchange, FilterLimits limits) {
        String kind = spec.path("kind").asText("");
        switch (kind) {
            case "collection":
                return new CollectionResource(
                        name,
                        required(spec, "collection"),
                        spec.path("changeExchange").asText(changeExchange),
                        spec.path("keyField").asText(CollectionResource.ID),
                        limits);
            case "topic":
                return new TopicResource(
                        name,
                        optional(spec, "exchange"),
                        strings(spec.path("routingKeys"), List.of("#")),
                        optional(spec, "exchangeParam"),
                        Set.copyOf(strings(spec.path("allowedExchanges"), List.of())),
                        strings(spec.path("allowedRoutingKeys"), List.of("#")),
                        optional(spec, "routingKeyParam"),
                        fields(spec.path("fields")),
                        limits);
            default:
                throw new IllegalArgumentException("'kind' must be 'collection' or 'topic'");
        }
    }

    private static String required(JsonNode spec, String field) {
        String value = optional(spec, field);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("'" + field + "' is required");
        }
        return value;
    }

    private static String optional(JsonNode spec, String field) {
        JsonNode value = spec.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' must be a string");
        }
        return value.textValue();
    }

    private static List<String> strings(JsonNode array, List<String> absent) {
        if (array.isMissingNode() || array.isNull()) {
            return absent;
        }
        if (!array.isArray()) {
            throw new IllegalArgumentException("expected an array of strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode value : array) {
            if (!value.isTextual()) {
                throw new IllegalArgumentException("expected an array of strings");
            }
            values.add(value.textValue());
        }
        return values;
    }

    private static Map<String, List<String>> fields(JsonNode object) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (object.isMissingNode() || object.isNull()) {
            return fields;
        }
        if (!object.isObject()) {
            throw new IllegalArgumentException("'fields' must be an object");
        }
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            List<String> paths = strings(field.getValue(), List.of());
            if (paths.isEmpty()) {
                throw new IllegalArgumentException("'fields." + field.getKey() + "' is empty");
            }
            fields.put(field.getKey(), paths);
        }
        return fields;
    }
}

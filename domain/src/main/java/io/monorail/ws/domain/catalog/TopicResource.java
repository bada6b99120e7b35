package io.monorail.ws.domain.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monorail.ws.domain.error.RequestException;
import io.monorail.ws.domain.filter.FieldAliases;
import io.monorail.ws.domain.filter.Filter;
import io.monorail.ws.domain.filter.FilterException;
import io.monorail.ws.domain.filter.FilterLimits;
import io.monorail.ws.domain.port.out.TopicBinding;
import io.monorail.ws.domain.port.out.TopicPattern;
import io.monorail.ws.domain.subscription.EventTranslator;
import io.monorail.ws.domain.subscription.TranslatedEvent;
import io.monorail.ws.domain.subscription.WatchPlan;
import io.monorail.ws.protocol.ClientText;
import io.monorail.ws.protocol.ErrorCode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A topic exchange whose messages clients watch as they are published. Each event is sent as {@code
 * {"handler":"item","type":T,"id":<routing key>,"data":<body>}}.
 *
 * <p>Watch params are matched against an envelope {@code {"routingKey", "words": [routing key
 * words], "body"}}: a param named in {@code fields} stands for the envelope paths listed there (any
 * may match); any other param is a path into the body.
 *
 * @param exchange the exchange, or null when params name it ({@code exchangeParam})
 * @param routingKeys patterns bound when no param narrows them
 * @param exchangeParam the param naming the exchange, or null
 * @param allowedExchanges exchanges {@code exchangeParam} may name
 * @param allowedRoutingKeys patterns that the routing keys bound on an exchange named by {@code
 *     exchangeParam} must stay within ({@code #} = any)
 * @param routingKeyParam the param whose string value is bound as the routing key, or null
 * @param fields param name to envelope paths
 */
public record TopicResource(
        String name,
        String exchange,
        List<String> routingKeys,
        String exchangeParam,
        Set<String> allowedExchanges,
        List<String> allowedRoutingKeys,
        String routingKeyParam,
        Map<String, List<String>> fields,
        FilterLimits limits)
        implements ResourceDefinition {
    public TopicResource {
        Objects.requireNonNull(name, "name");
        routingKeys = List.copyOf(routingKeys);
        allowedExchanges = Set.copyOf(allowedExchanges);
        allowedRoutingKeys = List.copyOf(allowedRoutingKeys);
        fields = Map.copyOf(fields);
        Objects.requireNonNull(limits, "limits");
        if ((exchange == null) == (exchangeParam == null)) {
            throw new IllegalArgumentException(
                    name + ": exactly one of exchange and exchangeParam must be set");
        }
        if (routingKeys.isEmpty()) {
            throw new IllegalArgumentException(name + ": routingKeys must not be empty");
        }
    }

    @Override
    public WatchPlan planWatch(JsonNode params) throws RequestException {
        if (params != null && !params.isObject()) {
            throw new RequestException(ErrorCode.BAD_PARAMS, "params must be an object");
        }
        ObjectNode rest =
                params == null
                        ? JsonNodeFactory.instance.objectNode()
                        : ((ObjectNode) params).deepCopy();
        String watchedExchange =
                exchange != null ? exchange : exchangeFrom(rest.remove(exchangeParam));
        List<String> keys = routingKeys;
        if (routingKeyParam != null && rest.has(routingKeyParam)) {
            JsonNode key = rest.get(routingKeyParam);
            if (key.isTextual()) {
                keys = List.of(key.textValue());
                rest.remove(routingKeyParam);
            } else if (!fields.containsKey(routingKeyParam)) {
                throw new RequestException(
                        ErrorCode.BAD_PARAMS, "params." + routingKeyParam + " must be a string");
            }
        }
        if (exchangeParam != null) {
            requireAllowedRoutingKeys(keys);
        }
        Set<TopicBinding> bindings = new LinkedHashSet<>();
        for (String key : keys) {
            try {
                bindings.add(new TopicBinding(watchedExchange, key));
            } catch (IllegalArgumentException e) {
                throw new RequestException(
                        ErrorCode.BAD_PARAMS, "bad routing key: " + e.getMessage());
            }
        }
        Filter filter;
        try {
            filter = Filter.compile(rest, limits, aliases());
        } catch (FilterException e) {
            throw Resources.toRequestException(e);
        }
        return new WatchPlan(bindings, filter, Envelope.INSTANCE);
    }

    private String exchangeFrom(JsonNode value) throws RequestException {
        if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
            throw new RequestException(
                    ErrorCode.BAD_PARAMS, "params." + exchangeParam + " must name an exchange");
        }
        String requested = value.textValue();
        if (!allowedExchanges.contains(requested)) {
            throw new RequestException(
                    ErrorCode.FORBIDDEN,
                    "exchange '"
                            + ClientText.abbreviate(requested)
                            + "' is not allowed; allowed: "
                            + String.join(", ", allowedExchanges.stream().sorted().toList()));
        }
        return requested;
    }

    private void requireAllowedRoutingKeys(List<String> keys) throws RequestException {
        for (String key : keys) {
            boolean allowed =
                    allowedRoutingKeys.stream().anyMatch(entry -> TopicPattern.covers(entry, key));
            if (!allowed) {
                throw new RequestException(
                        ErrorCode.FORBIDDEN,
                        "routing key '"
                                + ClientText.abbreviate(key)
                                + "' is not allowed; allowed: "
                                + String.join(", ", allowedRoutingKeys));
            }
        }
    }

    private FieldAliases aliases() {
        return field -> {
            List<String> paths = fields.get(field);
            return paths != null ? paths : List.of("body." + field);
        };
    }

    /** Topic messages as they come: the routing key is the id, the body the data. */
    private enum Envelope implements EventTranslator {
        INSTANCE;

        @Override
        public TranslatedEvent translate(String routingKey, JsonNode body) {
            ObjectNode envelope = JsonNodeFactory.instance.objectNode();
            envelope.put("routingKey", routingKey);
            var words = envelope.putArray("words");
            for (String word : routingKey.split("\\.", -1)) {
                words.add(word);
            }
            envelope.set("body", body);
            ObjectNode fields = JsonNodeFactory.instance.objectNode();
            fields.put("id", routingKey);
            fields.set("data", body);
            return new TranslatedEvent(envelope, "item", fields, null);
        }
    }

    @Override
    public String toString() {
        return "topic "
                + name
                + " ("
                + (exchange != null ? exchange : "exchange from params")
                + ")";
    }
}

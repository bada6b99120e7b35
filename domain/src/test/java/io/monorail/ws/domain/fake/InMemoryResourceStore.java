package io.monorail.ws.domain.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monorail.ws.domain.filter.Filter;
import io.monorail.ws.domain.filter.FilterException;
import io.monorail.ws.domain.filter.FilterLimits;
import io.monorail.ws.domain.port.out.DocumentFilter;
import io.monorail.ws.domain.port.out.FindOptions;
import io.monorail.ws.domain.port.out.ResourceStore;
import io.monorail.ws.domain.port.out.StoreException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * In-memory {@link ResourceStore}. Documents are given in MongoDB extended JSON ({@code {"_id":
 * {"$oid": ...}}}, {@code {"$date": ...}}) and kept rendered as records, the way the real store
 * answers.
 */
public final class InMemoryResourceStore implements ResourceStore {
    private final Map<String, List<ObjectNode>> collections = new LinkedHashMap<>();
    private final List<ObjectNode> filtersSeen = new ArrayList<>();
    private volatile boolean available = true;

    /** Stores a document (extended JSON) in a collection. */
    public synchronized void insert(String collection, ObjectNode document) {
        collections.computeIfAbsent(collection, c -> new ArrayList<>()).add(render(document));
    }

    /** Removes every document whose {@code id} is {@code id}. */
    public synchronized void delete(String collection, String id) {
        collections
                .getOrDefault(collection, new ArrayList<>())
                .removeIf(doc -> id.equals(doc.path("id").asText(null)));
    }

    /** Simulates the store going down or coming back. */
    public void setAvailable(boolean available) {
        this.available = available;
    }

    /** Every filter handed to the store, to prove what reached it. */
    public synchronized List<ObjectNode> filtersSeen() {
        return List.copyOf(filtersSeen);
    }

    @Override
    public synchronized List<ObjectNode> find(
            String collection, DocumentFilter filter, FindOptions options) {
        if (!available) {
            throw new StoreException("store unavailable");
        }
        filtersSeen.add(filter.json());
        Filter compiled = compile(filter);
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode doc : collections.getOrDefault(collection, List.of())) {
            if (compiled.matches(doc)) {
                matching.add(doc);
            }
        }
        if (!options.sort().isEmpty()) {
            matching.sort(order(options.sort()));
        }
        return matching.stream()
                .skip(options.skip())
                .limit(options.limit())
                .map(doc -> project(doc, options.fields()))
                .toList();
    }

    @Override
    public Optional<ObjectNode> findOne(
            String collection, DocumentFilter filter, FindOptions options) {
        return find(
                        collection,
                        filter,
                        new FindOptions(
                                1,
                                options.skip(),
                                options.sort(),
                                options.fields(),
                                options.maxTime()))
                .stream()
                .findFirst();
    }

    /** Evaluates a filter as the real store would, with the domain's own filter engine. */
    private static Filter compile(DocumentFilter filter) {
        try {
            return Filter.compile(filter.json(), FilterLimits.defaults());
        } catch (FilterException e) {
            throw new IllegalArgumentException("the domain handed over an invalid filter", e);
        }
    }

    @Override
    public boolean isAvailable() {
        return available;
    }

    private static ObjectNode render(ObjectNode document) {
        ObjectNode record = document.objectNode();
        document.properties()
                .forEach(
                        field -> {
                            String name = field.getKey().equals("_id") ? "id" : field.getKey();
                            record.set(name, renderValue(field.getValue()));
                        });
        return record;
    }

    private static JsonNode renderValue(JsonNode value) {
        if (value.isObject() && value.size() == 1) {
            if (value.has("$oid")) {
                return value.get("$oid");
            }
            if (value.has("$date")) {
                return value.get("$date");
            }
        }
        if (value.isObject()) {
            return render((ObjectNode) value);
        }
        return value;
    }

    private static ObjectNode project(ObjectNode doc, List<String> fields) {
        if (fields.isEmpty()) {
            return doc.deepCopy();
        }
        ObjectNode projected = doc.objectNode();
        projected.set("id", doc.get("id"));
        for (String field : fields) {
            JsonNode value = doc.get(field);
            if (value != null) {
                projected.set(field, value.deepCopy());
            }
        }
        return projected;
    }

    private static Comparator<ObjectNode> order(List<FindOptions.SortField> sort) {
        Comparator<ObjectNode> order = (a, b) -> 0;
        for (FindOptions.SortField field : sort) {
            Comparator<ObjectNode> byField =
                    Comparator.comparing(
                            doc -> doc.path(field.field()), InMemoryResourceStore::compare);
            order = order.thenComparing(field.ascending() ? byField : byField.reversed());
        }
        return order;
    }

    private static int compare(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.asText().compareTo(b.asText());
    }
}

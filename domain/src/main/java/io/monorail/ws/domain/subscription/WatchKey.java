package io.monorail.ws.domain.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import io.monorail.ws.protocol.WatchIdentity;
import java.util.Objects;

/**
 * The identity of a watch: its resource and its params, with object keys in canonical order so that
 * {@code {"a":1,"b":2}} and {@code {"b":2,"a":1}} name the same watch.
 */
public record WatchKey(String type, String canonicalParams) implements Comparable<WatchKey> {
    public WatchKey {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(canonicalParams, "canonicalParams");
    }

    /** The key of a watch of {@code type} with {@code params} (null and {@code {}} are equal). */
    public static WatchKey of(String type, JsonNode params) {
        return new WatchKey(type, WatchIdentity.canonicalParams(params));
    }

    /**
     * By type, then params: the order in which one event's messages reach a session that holds
     * several of the watches it matches, the same on every instance (cluster mode recomputes it).
     */
    @Override
    public int compareTo(WatchKey other) {
        int byType = type.compareTo(other.type);
        return byType != 0 ? byType : canonicalParams.compareTo(other.canonicalParams);
    }
}

package io.monorail.ws.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.monorail.ws.protocol.WatchIdentity;
import java.util.Objects;

/**
 * What the server considers one watch: the type and the params with object keys in canonical order
 * ({@code null} and {@code {}} are the same). The server keeps one stream per key, so the client
 * does too.
 */
record WatchKey(String type, String canonicalParams) {
    WatchKey {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(canonicalParams, "canonicalParams");
    }

    static WatchKey of(String type, JsonNode params) {
        return new WatchKey(type, WatchIdentity.canonicalParams(params));
    }
}

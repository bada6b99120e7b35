package io.monorail.ws.domain.subscription;

import io.monorail.ws.protocol.TypeField;
import java.util.Objects;

/**
 * One client's watch: what it watches, who gets the events, and how they are labelled ({@code type}
 * or {@code resource}, and the {@code ref} of the watch request, serialized once as UTF-8 JSON, or
 * null).
 */
public record Watch(WatchKey key, Watcher owner, TypeField typeField, byte[] ref) {
    public Watch {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(typeField, "typeField");
    }

    // Identity, not value: two sessions may hold equal-looking watches.
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}

package io.monorail.ws.client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners registered by event name. Registering is thread-safe and takes effect at once;
 * events are emitted on the event loop. A listener that throws is logged and does not stop the
 * others.
 */
final class EventListeners {
    private static final Logger LOG = LoggerFactory.getLogger(EventListeners.class);

    /** One registration; identity matters, so that {@code once} fires exactly once. */
    private static final class Registration {
        final Consumer<ClientEvent> listener;
        final boolean once;

        Registration(Consumer<ClientEvent> listener, boolean once) {
            this.listener = listener;
            this.once = once;
        }
    }

    private final Map<String, List<Registration>> byName = new ConcurrentHashMap<>();

    void on(String name, Consumer<ClientEvent> listener) {
        add(name, new Registration(listener, false));
    }

    void once(String name, Consumer<ClientEvent> listener) {
        add(name, new Registration(listener, true));
    }

    /** Removes one registration of {@code listener} under {@code name}; true when there was one. */
    boolean off(String name, Consumer<ClientEvent> listener) {
        List<Registration> registrations = byName.get(name);
        if (registrations == null) {
            return false;
        }
        for (Registration registration : registrations) {
            if (registration.listener == listener && registrations.remove(registration)) {
                return true;
            }
        }
        return false;
    }

    void emit(ClientEvent event) {
        List<Registration> registrations = byName.get(event.name());
        if (registrations == null) {
            return;
        }
        for (Registration registration : registrations) {
            if (registration.once && !registrations.remove(registration)) {
                continue; // already fired
            }
            try {
                registration.listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("a listener of '{}' failed; the client carries on", event.name(), e);
            }
        }
    }

    private void add(String name, Registration registration) {
        byName.computeIfAbsent(name, key -> new CopyOnWriteArrayList<>()).add(registration);
    }
}

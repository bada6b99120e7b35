package io.monorail.ws.app;

import com.google.inject.Provider;
import com.google.inject.ProvisionException;
import java.util.function.Consumer;

/** A part of the running gateway with a start and a stop: a server, a client, a thread pool. */
interface Service {
    /**
     * Starts; returns once the part is usable or is reconnecting by itself.
     *
     * @throws RuntimeException when it cannot start; nothing of it is left running then
     */
    void start();

    /** Stops; does nothing when not started. */
    void stop();

    /**
     * The object {@code provider} gives, obtained on {@link #start()}: objects that need a server
     * already started (its URI) are only built then.
     */
    static <T> Service provided(Provider<T> provider, Consumer<T> start, Consumer<T> stop) {
        return new Service() {
            private T instance;

            @Override
            public synchronized void start() {
                T created;
                try {
                    created = provider.get();
                } catch (ProvisionException e) {
                    // Guice wraps what a provider throws; the cause says what is wrong.
                    throw e.getCause() instanceof RuntimeException cause ? cause : e;
                }
                start.accept(created);
                instance = created;
            }

            @Override
            public synchronized void stop() {
                if (instance != null) {
                    stop.accept(instance);
                    instance = null;
                }
            }
        };
    }
}

package io.monorail.ws.load.client;

import java.net.URI;

/** How a client connects and subscribes to one routing-key pattern on one kind of server. */
public interface Dialect {
    /** Short name for reports: monorail, stomp, bare. */
    String name();

    /** Where to connect. */
    URI uri();

    /** Sends the first frames on a fresh connection; the result reads what the server sends. */
    Conversation start(Subscriber subscriber);

    /** Text to send now and then so the server keeps an idle connection, or null. */
    default String keepAlive() {
        return null;
    }

    /** The per-connection side of a dialect. */
    interface Conversation {
        /** One text message from the server. */
        void received(String text);
    }
}

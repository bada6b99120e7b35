package io.monorail.ws.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Receives the events of one {@link Watch}, on the client's event thread, in order. Every method
 * has an empty default; implement what you need. {@code data} is JSON {@code null} (never Java
 * {@code null}) when the frame carries none.
 */
public interface WatchListener {
    /** A document matching the watch was created (collection resources). */
    default void created(String id, JsonNode data) {}

    /** A document matching the watch was updated (collection resources). */
    default void updated(String id, JsonNode data) {}

    /** A document matching the watch was destroyed; {@code data} is its last known record. */
    default void destroyed(String id, JsonNode data) {}

    /**
     * A document the watch's filter matched was changed so that it no longer matches ({@code
     * "reason":"leave"}); {@code data} is its new state. By default it is handled like {@link
     * #destroyed}: either way the document leaves the watch's view.
     */
    default void left(String id, JsonNode data) {
        destroyed(id, data);
    }

    /**
     * Another change RackHD published for a document, such as {@code tag-added} or {@code
     * tag-removed} on nodes; {@code data} is the record. By default it is handled like {@link
     * #updated}.
     */
    default void changed(String event, String id, JsonNode data) {
        updated(id, data);
    }

    /** A topic message (resources {@code mq}, {@code workflows}, {@code logs}, ...). */
    default void event(String routingKey, JsonNode data) {}

    /**
     * The current matching documents, first thing after a snapshot watch is set up, and again when
     * the client had to set it up on a new session (after a {@code resync}).
     */
    default void snapshot(List<JsonNode> items) {}

    /** The server refused or ended the watch; the watch is no longer active. */
    default void error(MonorailException error) {}
}

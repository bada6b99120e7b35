package io.monorail.ws.domain.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.monorail.ws.domain.subscription.TranslatedEvent;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides which events that arrived while a snapshot was read the client still needs. The watch was
 * bound before the read, so every change after the read is among the held events; but some held
 * events may be older than the read and already shown by it.
 *
 * <p>Per document: when the snapshot already shows the state its last held event leads to, all of
 * that document's held events are dropped (they would only repeat it); otherwise all of them are
 * kept, in order, so the client ends at the document's latest state either way. Nothing is lost;
 * the only duplicates possible are intermediate states of a document that changed again.
 */
final class SnapshotReconciler {
    private SnapshotReconciler() {}

    static List<Session.Pending> unseen(List<Session.Pending> held, JsonNode snapshot) {
        Map<String, JsonNode> shown = new HashMap<>();
        for (JsonNode document : snapshot) {
            JsonNode id = document.get("id");
            if (id != null) {
                shown.put(id.asText(), document);
            }
        }
        Map<String, Session.Pending> lastByDocument = new HashMap<>();
        for (Session.Pending pending : held) {
            String id = documentId(pending.event());
            if (id != null) {
                lastByDocument.put(id, pending);
            }
        }
        List<Session.Pending> needed = new ArrayList<>();
        for (Session.Pending pending : held) {
            String id = documentId(pending.event());
            if (id == null || !sameState(lastByDocument.get(id).event(), shown.get(id))) {
                needed.add(pending);
            }
        }
        return needed;
    }

    /** The id of the document an event is about: {@code ["created", id]} or {@code id}. */
    private static String documentId(TranslatedEvent event) {
        JsonNode id = event.fields().get("id");
        if (id == null) {
            return null;
        }
        if (id.isArray()) {
            return id.size() == 2 ? id.get(1).asText() : null;
        }
        return id.asText();
    }

    /** Whether the snapshot's document (null: absent) is the state {@code event} leads to. */
    private static boolean sameState(TranslatedEvent event, JsonNode shown) {
        if (event.handler().equals("remove")) {
            return shown == null;
        }
        JsonNode record = event.fields().get("data");
        if (shown == null || record == null) {
            return false;
        }
        Instant recordTime = instant(record.get("updatedAt"));
        Instant shownTime = instant(shown.get("updatedAt"));
        if (recordTime != null && shownTime != null) {
            return recordTime.equals(shownTime);
        }
        return Objects.equals(record, shown);
    }

    private static Instant instant(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(value.textValue());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

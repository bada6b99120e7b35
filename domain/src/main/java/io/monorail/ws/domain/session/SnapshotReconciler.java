package io.monorail.ws.domain.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.monorail.ws.domain.subscription.TranslatedEvent;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides which events that arrived while a snapshot was read the client still needs. The watch was
 * bound before the read, so every change after the read is among the held events; but some held
 * events may be older than the read and already shown by it.
 *
 * <p>Per document: when the snapshot already shows the state its last held event leads to, all of
 * that document's held events are dropped (they would only repeat it); otherwise all of them are
 * kept, in order, so the client ends at the document's latest state either way. A document leaving
 * the filter is announced only while the client shows it. Nothing is lost; the only duplicates
 * possible are intermediate states of a document that changed again.
 */
final class SnapshotReconciler {
    private SnapshotReconciler() {}

    /** The held events to send, and the documents the client shows once they are sent. */
    record Outcome(List<Session.Pending> unseen, Set<String> shown) {}

    static Outcome reconcile(
            List<Session.Pending> held,
            JsonNode snapshot,
            Function<JsonNode, String> documentIdOf) {
        Map<String, JsonNode> listed = new HashMap<>();
        for (JsonNode document : snapshot) {
            String id = documentIdOf.apply(document);
            if (id != null) {
                listed.put(id, document);
            }
        }
        Map<String, Session.Pending> lastByDocument = new HashMap<>();
        for (Session.Pending pending : held) {
            String id = pending.event().documentId();
            if (id != null) {
                lastByDocument.put(id, pending);
            }
        }
        Set<String> shown = new LinkedHashSet<>(listed.keySet());
        List<Session.Pending> needed = new ArrayList<>();
        for (Session.Pending pending : held) {
            String id = pending.event().documentId();
            if (id == null) {
                needed.add(pending);
            } else if (!sameState(lastByDocument.get(id), listed.get(id))) {
                if (pending.delivery().leaves()) {
                    if (shown.remove(id)) {
                        needed.add(pending);
                    }
                } else if (pending.event().handler().equals("remove")) {
                    shown.remove(id);
                    needed.add(pending);
                } else {
                    shown.add(id);
                    needed.add(pending);
                }
            }
        }
        return new Outcome(needed, shown);
    }

    /** Whether the snapshot's document (null: absent) is the state {@code last} leads to. */
    private static boolean sameState(Session.Pending last, JsonNode shown) {
        TranslatedEvent event = last.event();
        if (last.delivery().leaves() || event.handler().equals("remove")) {
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

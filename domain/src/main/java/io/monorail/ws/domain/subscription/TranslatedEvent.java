package io.monorail.ws.domain.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A bus event as one resource presents it: the document watch filters are evaluated against, and
 * the frame clients receive ({@code handler} plus {@code id}, {@code data}, ... fields).
 */
public record TranslatedEvent(JsonNode filterTarget, String handler, ObjectNode fields) {}

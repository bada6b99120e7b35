package io.monorail.ws.domain.filter;

import java.util.List;

/** Maps a field name a client may filter on to the document paths it stands for. */
@FunctionalInterface
public interface FieldAliases {

    /**
     * Paths a top-level field name stands for; the name itself when it has no alias. Never empty.
     */
    List<String> resolve(String field);

    /** No aliases: every field stands for itself. */
    static FieldAliases none() {
        return field -> List.of(field);
    }
}

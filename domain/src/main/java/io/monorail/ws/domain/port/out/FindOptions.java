package io.monorail.ws.domain.port.out;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to read: paging, order, which fields, and how long the store may take.
 *
 * @param limit at most this many documents (at least 1)
 * @param skip documents to skip first
 * @param sort fields to order by, in priority order
 * @param fields the fields to return ({@code id} always comes back); empty = all
 * @param maxTime the store gives up after this long
 */
public record FindOptions(
        int limit, int skip, List<SortField> sort, List<String> fields, Duration maxTime) {
    public FindOptions {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        if (skip < 0) {
            throw new IllegalArgumentException("skip must not be negative");
        }
        sort = List.copyOf(sort);
        fields = List.copyOf(fields);
        Objects.requireNonNull(maxTime, "maxTime");
    }

    /** Everything, unsorted, up to {@code limit}. */
    public static FindOptions limit(int limit, Duration maxTime) {
        return new FindOptions(limit, 0, List.of(), List.of(), maxTime);
    }

    /** One field of a sort order. */
    public record SortField(String field, boolean ascending) {
        public SortField {
            Objects.requireNonNull(field, "field");
        }
    }
}

package io.monorail.ws.domain.filter;

import static io.monorail.ws.domain.filter.FilterException.badParams;
import static io.monorail.ws.protocol.ClientText.quote;

import java.util.ArrayList;
import java.util.List;

/** A validated dotted field path such as {@code tags.0.name}, split into its segments. */
record FieldPath(String dotted, List<Segment> segments) {

    /** Deeper paths could not address anything MongoDB stores. */
    static final int MAX_SEGMENTS = FilterScan.MAX_DEPTH;

    /**
     * One step of a path; {@code arrayIndex} is the position it names in an array, or -1 when it is
     * not a canonical non-negative integer.
     */
    record Segment(String name, int arrayIndex) {}

    FieldPath {
        segments = List.copyOf(segments);
    }

    static FieldPath parse(String dotted) throws FilterException {
        if (dotted.isEmpty()) {
            throw badParams("a field name must not be empty");
        }
        if (dotted.indexOf('\0') >= 0) {
            throw badParams("field " + quote(dotted) + " must not contain a NUL character");
        }
        String[] names = dotted.split("\\.", -1);
        if (names.length > MAX_SEGMENTS) {
            throw badParams(
                    "field " + quote(dotted) + " has more than " + MAX_SEGMENTS + " path segments");
        }
        List<Segment> segments = new ArrayList<>(names.length);
        for (String name : names) {
            if (name.isEmpty()) {
                throw badParams("field " + quote(dotted) + " has an empty path segment");
            }
            if (Operator.isOperatorKey(name)) {
                throw badParams("field " + quote(dotted) + " has a path segment starting with '$'");
            }
            segments.add(new Segment(name, arrayIndex(name)));
        }
        return new FieldPath(dotted, segments);
    }

    int size() {
        return segments.size();
    }

    Segment segment(int index) {
        return segments.get(index);
    }

    private static int arrayIndex(String name) {
        // Only the canonical spelling names a position: "01" is a field name, never index 1.
        if (name.length() > 9 || (name.length() > 1 && name.charAt(0) == '0')) {
            return -1;
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(name);
    }

    @Override
    public String toString() {
        return dotted;
    }
}

package io.monorail.ws.domain.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Finds the values a dotted path reaches in a document the way MongoDB does: through embedded
 * documents, into every document element of an array on the way, by position for numeric segments,
 * and (when asked) into the elements of an array at the end of the path.
 */
final class PathTraversal {
    private static final JsonNode MISSING = MissingNode.getInstance();

    private PathTraversal() {}

    /**
     * True when a value reached by {@code path} passes {@code predicate}. A path that runs into a
     * missing field or a scalar offers the predicate a missing value; one that runs into an array
     * of scalars offers nothing, as in MongoDB.
     */
    static boolean anyMatch(
            FieldPath path,
            JsonNode document,
            boolean traverseLeafArrays,
            ValuePredicate predicate) {
        return fromDocument(path, 0, document, traverseLeafArrays, predicate);
    }

    private static boolean fromDocument(
            FieldPath path, int from, JsonNode node, boolean traverseLeaf, ValuePredicate p) {
        JsonNode current = node;
        for (int i = from; ; i++) {
            JsonNode child = current.isObject() ? current.get(path.segment(i).name()) : null;
            if (child == null) {
                return p.test(MISSING);
            }
            boolean last = i == path.size() - 1;
            if (child.isArray()) {
                return last
                        ? leafArray(child, traverseLeaf, p)
                        : insideArray(path, i + 1, child, traverseLeaf, p);
            }
            if (last) {
                return p.test(child);
            }
            current = child;
        }
    }

    private static boolean leafArray(JsonNode array, boolean traverse, ValuePredicate p) {
        if (traverse) {
            for (JsonNode element : array) {
                if (p.test(element)) {
                    return true;
                }
            }
        }
        return p.test(array);
    }

    /** {@code next} is the index of the first path segment still to apply inside the array. */
    private static boolean insideArray(
            FieldPath path, int next, JsonNode array, boolean traverseLeaf, ValuePredicate p) {
        int position = path.segment(next).arrayIndex();
        boolean endsAtPosition = next == path.size() - 1;
        for (int i = 0; i < array.size(); i++) {
            JsonNode element = array.get(i);
            if (element.isObject() && fromDocument(path, next, element, traverseLeaf, p)) {
                return true;
            }
            if (i != position) {
                continue;
            }
            // The numeric segment names this element: the path continues from it directly.
            if (endsAtPosition) {
                if (p.test(element)) {
                    return true;
                }
            } else if (element.isObject()) {
                if (fromDocument(path, next + 1, element, traverseLeaf, p)) {
                    return true;
                }
            } else if (element.isArray()) {
                if (insideArray(path, next + 1, element, traverseLeaf, p)) {
                    return true;
                }
            }
        }
        return false;
    }
}

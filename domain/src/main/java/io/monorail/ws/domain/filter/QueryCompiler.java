package io.monorail.ws.domain.filter;

import static io.monorail.ws.domain.filter.FilterException.badParams;
import static io.monorail.ws.domain.filter.JsonTypeNames.typeOf;
import static io.monorail.ws.protocol.ClientText.quote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compiles query objects (the filter itself, the clauses of {@code $and/$or/$nor}, and the query
 * form of {@code $elemMatch}): field conditions and logical operators, implicitly and-ed.
 */
final class QueryCompiler {
    private final OperatorCompiler operators;

    QueryCompiler(FilterLimits limits) {
        this.operators = new OperatorCompiler(limits, this);
    }

    Condition compile(ObjectNode query) throws FilterException {
        List<Condition> parts = new ArrayList<>(query.size());
        for (Map.Entry<String, JsonNode> entry : query.properties()) {
            String key = entry.getKey();
            if (Operator.isOperatorKey(key)) {
                parts.add(logical(Operator.require(key), entry.getValue()));
            } else {
                FieldPath path = FieldPath.parse(key);
                parts.add(operators.compileFieldValue(key, entry.getValue()).at(path));
            }
        }
        return Condition.allOf(parts);
    }

    private Condition logical(Operator operator, JsonNode clauses) throws FilterException {
        if (!operator.isLogical()) {
            throw badParams(
                    quote(operator.toString())
                            + " must be applied to a field, as in {\"field\": {\""
                            + operator
                            + "\": ...}}");
        }
        if (!clauses.isArray() || clauses.isEmpty()) {
            throw badParams(quote(operator.toString()) + " needs a non-empty array of objects");
        }
        List<Condition> compiled = new ArrayList<>(clauses.size());
        for (JsonNode clause : clauses) {
            if (!clause.isObject()) {
                throw badParams(
                        quote(operator.toString())
                                + " needs a non-empty array of objects, not one holding "
                                + typeOf(clause));
            }
            compiled.add(compile((ObjectNode) clause));
        }
        return switch (operator) {
            case AND -> Condition.allOf(compiled);
            case OR -> new Condition.Or(compiled);
            case NOR -> new Condition.Not(new Condition.Or(compiled));
            default -> throw new IllegalStateException("not a logical operator: " + operator);
        };
    }
}

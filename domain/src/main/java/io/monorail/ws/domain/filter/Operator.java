package io.monorail.ws.domain.filter;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The operators of the supported subset; anything else starting with {@code $} is forbidden. */
enum Operator {
    EQ("$eq"),
    NE("$ne"),
    GT("$gt"),
    GTE("$gte"),
    LT("$lt"),
    LTE("$lte"),
    IN("$in"),
    NIN("$nin"),
    EXISTS("$exists"),
    NOT("$not"),
    REGEX("$regex"),
    OPTIONS("$options"),
    SIZE("$size"),
    ALL("$all"),
    ELEM_MATCH("$elemMatch"),
    AND("$and"),
    OR("$or"),
    NOR("$nor");

    private static final Map<String, Operator> BY_NAME =
            Arrays.stream(values())
                    .collect(Collectors.toUnmodifiableMap(o -> o.name, Function.identity()));

    private final String name;

    Operator(String name) {
        this.name = name;
    }

    static Optional<Operator> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The operator named {@code name}, or FORBIDDEN_OPERATOR when it is not in the subset. */
    static Operator require(String name) throws FilterException {
        Operator operator = BY_NAME.get(name);
        if (operator == null) {
            throw FilterException.forbidden(name);
        }
        return operator;
    }

    static boolean isOperatorKey(String key) {
        return key.startsWith("$");
    }

    /** True for the operators that combine whole queries rather than test one field. */
    boolean isLogical() {
        return this == AND || this == OR || this == NOR;
    }

    @Override
    public String toString() {
        return name;
    }
}

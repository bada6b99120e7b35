package io.monorail.ws.domain.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.monorail.ws.domain.port.Principal;
import io.monorail.ws.protocol.MessageCodec;
import io.monorail.ws.protocol.ProtocolException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which resources each role may read and watch, loaded from data: {@code {"roles": {role: [{
 * "resources": [names or "*"], "except": [names], "actions": ["read", "watch"]}]}}}. The role
 * {@code "*"} stands for every authenticated client. A client may do what any of its roles, or
 * {@code "*"}, grants; anything else is refused.
 */
public final class AccessPolicy {
    /** The role every principal has, and the resource name that stands for all resources. */
    public static final String ANY = "*";

    private static final String DEFAULT = "default-access-policy.json";
    private static final Set<String> GRANT_FIELDS = Set.of("resources", "except", "actions");

    private final Map<String, List<Grant>> grants;
    private final boolean allowAll;

    private AccessPolicy(Map<String, List<Grant>> grants, boolean allowAll) {
        this.grants = Map.copyOf(grants);
        this.allowAll = allowAll;
    }

    /** Everything allowed to everyone: for a gateway without authentication. */
    public static AccessPolicy allowAll() {
        return new AccessPolicy(Map.of(), true);
    }

    /**
     * The policy when no file is given: any valid token may read and watch every resource except
     * {@code mq} (raw exchange access), which needs the role {@code admin}.
     */
    public static AccessPolicy defaults() {
        try (InputStream in = AccessPolicy.class.getResourceAsStream(DEFAULT)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT + " missing from the classpath");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return fromJson(new MessageCodec().parseObject(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ProtocolException e) {
            throw new IllegalStateException(DEFAULT + " is not valid JSON: " + e.getMessage());
        }
    }

    /**
     * Reads a policy document.
     *
     * @throws IllegalArgumentException naming the role and field at fault
     */
    public static AccessPolicy fromJson(JsonNode document) {
        JsonNode roles = document.path("roles");
        if (!roles.isObject() || roles.isEmpty()) {
            throw new IllegalArgumentException("access policy: 'roles' must be a non-empty object");
        }
        Map<String, List<Grant>> grants = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> role : roles.properties()) {
            JsonNode value = role.getValue();
            List<Grant> list = new ArrayList<>();
            try {
                if (value.isArray()) {
                    for (JsonNode grant : value) {
                        list.add(grant(grant));
                    }
                } else {
                    list.add(grant(value));
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "access policy: role '" + role.getKey() + "': " + e.getMessage(), e);
            }
            grants.put(role.getKey(), list);
        }
        return new AccessPolicy(grants, false);
    }

    /** Whether {@code principal} may do {@code action} on the resource named {@code resource}. */
    public boolean allows(Principal principal, String resource, Action action) {
        if (allowAll) {
            return true;
        }
        if (allowedBy(ANY, resource, action)) {
            return true;
        }
        for (String role : principal.roles()) {
            if (!role.equals(ANY) && allowedBy(role, resource, action)) {
                return true;
            }
        }
        return false;
    }

    private boolean allowedBy(String role, String resource, Action action) {
        for (Grant grant : grants.getOrDefault(role, List.of())) {
            if (grant.allows(resource, action)) {
                return true;
            }
        }
        return false;
    }

    private static Grant grant(JsonNode spec) {
        if (!spec.isObject()) {
            throw new IllegalArgumentException("a grant must be an object");
        }
        for (String field : (Iterable<String>) () -> spec.fieldNames()) {
            if (!GRANT_FIELDS.contains(field)) {
                throw new IllegalArgumentException(
                        "unknown field '" + field + "'; expected resources, except, actions");
            }
        }
        Set<String> resources = strings(spec.path("resources"), "resources");
        if (resources.isEmpty()) {
            throw new IllegalArgumentException("'resources' must name at least one resource");
        }
        Set<String> except = spec.has("except") ? strings(spec.get("except"), "except") : Set.of();
        Set<Action> actions = EnumSet.noneOf(Action.class);
        for (String name : strings(spec.path("actions"), "actions")) {
            actions.add(action(name));
        }
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("'actions' must name read and/or watch");
        }
        return new Grant(resources, except, actions);
    }

    private static Action action(String name) {
        for (Action action : Action.values()) {
            if (action.wire().equals(name)) {
                return action;
            }
        }
        throw new IllegalArgumentException("unknown action '" + name + "'; expected read or watch");
    }

    private static Set<String> strings(JsonNode array, String field) {
        if (!array.isArray()) {
            throw new IllegalArgumentException("'" + field + "' must be an array of strings");
        }
        Set<String> values = new LinkedHashSet<>();
        for (JsonNode value : array) {
            if (!value.isTextual() || value.textValue().isEmpty()) {
                throw new IllegalArgumentException(
                        "'" + field + "' must be an array of non-empty strings");
            }
            values.add(value.textValue());
        }
        return values;
    }

    /** What one entry of a role allows. */
    private record Grant(Set<String> resources, Set<String> except, Set<Action> actions) {
        Grant {
            resources = Set.copyOf(resources);
            except = Set.copyOf(except);
            actions = Set.copyOf(actions);
        }

        boolean allows(String resource, Action action) {
            return actions.contains(action)
                    && !except.contains(resource)
                    && (resources.contains(ANY) || resources.contains(resource));
        }
    }
}

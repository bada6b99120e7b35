package io.monorail.ws.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.monorail.ws.domain.auth.AccessPolicy;
import io.monorail.ws.domain.auth.Action;
import io.monorail.ws.domain.catalog.ResourceCatalog;
import io.monorail.ws.domain.catalog.ResourceDefinition;
import io.monorail.ws.domain.error.RequestException;
import io.monorail.ws.domain.port.Principal;
import io.monorail.ws.protocol.ClientText;
import io.monorail.ws.protocol.ErrorCode;
import io.monorail.ws.protocol.Message;
import java.util.Optional;

/** Finds the resource a request names (or its connection's channel) and checks it may be used. */
final class ResourceAccess {
    private final ResourceCatalog catalog;
    private final AccessPolicy policy;

    ResourceAccess(ResourceCatalog catalog, AccessPolicy policy) {
        this.catalog = catalog;
        this.policy = policy;
    }

    /** The resource {@code message} names, which the client's principal may {@code action}. */
    ResourceDefinition resolve(ClientState client, Message message, Action action)
            throws RequestException {
        ResourceDefinition resource = find(client, message);
        if (!policy.allows(client.principal(), resource.name(), action)) {
            throw new RequestException(
                    ErrorCode.FORBIDDEN, "not allowed to " + action.wire() + " " + resource.name());
        }
        return resource;
    }

    /**
     * The resource named {@code name}, if it exists and {@code principal} may {@code action} it.
     */
    Optional<ResourceDefinition> allowed(Principal principal, String name, Action action) {
        return catalog.find(name).filter(resource -> policy.allows(principal, name, action));
    }

    private ResourceDefinition find(ClientState client, Message message) throws RequestException {
        JsonNode node = message.typeNode();
        String name;
        if (node == null) {
            if (client.channel() == null) {
                throw new RequestException(
                        ErrorCode.UNKNOWN_TYPE,
                        "no type given and the connection has no channel; add \"type\"");
            }
            name = client.channel();
        } else if (!node.isTextual()) {
            throw new RequestException(ErrorCode.UNKNOWN_TYPE, "type must be a string");
        } else {
            name = node.textValue();
        }
        return catalog.find(name)
                .orElseThrow(
                        () ->
                                new RequestException(
                                        ErrorCode.UNKNOWN_TYPE,
                                        "unknown type '" + ClientText.abbreviate(name) + "'"));
    }
}

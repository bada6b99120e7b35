package io.monorail.ws.domain;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monorail.ws.domain.auth.AccessPolicy;
import io.monorail.ws.domain.catalog.ResourceCatalog;
import io.monorail.ws.domain.fake.InMemoryEventFeed;
import io.monorail.ws.domain.fake.InMemoryResourceStore;
import io.monorail.ws.domain.fake.RecordingClientConnection;
import io.monorail.ws.domain.filter.FilterLimits;
import io.monorail.ws.domain.journal.FrameJournal;
import io.monorail.ws.domain.port.Principal;
import io.monorail.ws.domain.session.InMemorySessionStore;
import io.monorail.ws.domain.session.SessionDirectory;
import io.monorail.ws.domain.subscription.SubscriptionRegistry;
import io.monorail.ws.protocol.Message;
import io.monorail.ws.protocol.MessageCodec;

/**
 * The collaborators of the request handlers, wired with fakes, for tests that call one handler
 * directly with a {@link Message} built in code (no JSON text, no transport).
 */
final class RequestsFixture {
    final MessageCodec codec = new MessageCodec();
    final InMemoryEventFeed feed = new InMemoryEventFeed();
    final InMemoryResourceStore store = new InMemoryResourceStore();
    final InMemorySessionStore records = new InMemorySessionStore();
    final GatewayLimits limits = GatewayLimits.defaults().withMaxWatches(2);
    final FrameJournal journal = new FrameJournal(Long.MAX_VALUE, Long.MAX_VALUE, () -> 0);
    final SubscriptionRegistry registry = new SubscriptionRegistry(feed, codec, journal, 100);
    final SessionDirectory directory = new SessionDirectory(records, registry, limits.sessions());
    final StoreReads reads = new StoreReads(store, Runnable::run, limits);
    final ResourceAccess resources;
    final SessionRequests sessions =
            new SessionRequests(directory, codec, journal, limits.sessions(), null);

    RequestsFixture(AccessPolicy policy) {
        resources = new ResourceAccess(ResourceCatalog.defaults(FilterLimits.defaults()), policy);
    }

    RequestsFixture() {
        this(AccessPolicy.allowAll());
    }

    WatchRequests watches() {
        return new WatchRequests(resources, registry, reads, directory, codec, 2);
    }

    /** A connected client with a fresh session, on {@code channel} (null for none). */
    ClientState client(String channel, Principal principal) {
        RecordingClientConnection connection = new RecordingClientConnection();
        ClientState client = new ClientState(connection, channel, principal, codec);
        client.session(sessions.open(connection, principal));
        return client;
    }

    ClientState client() {
        return client(null, Principal.ANONYMOUS);
    }

    static RecordingClientConnection connectionOf(ClientState client) {
        return (RecordingClientConnection) client.connection();
    }

    /**
     * A request frame: {@code handler}, then field/value pairs (values: String, Number, Boolean,
     * ObjectNode).
     */
    static Message request(String handler, Object... fields) {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("handler", handler);
        for (int i = 0; i < fields.length; i += 2) {
            String name = (String) fields[i];
            Object value = fields[i + 1];
            if (value instanceof ObjectNode node) {
                json.set(name, node);
            } else if (value instanceof Boolean flag) {
                json.put(name, flag);
            } else if (value instanceof Number number) {
                json.put(name, number.longValue());
            } else if (value == null) {
                json.putNull(name);
            } else {
                json.put(name, value.toString());
            }
        }
        return Message.of(json);
    }

    /** An object node from field/value pairs of strings. */
    static ObjectNode object(String... pairs) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < pairs.length; i += 2) {
            node.put(pairs[i], pairs[i + 1]);
        }
        return node;
    }
}

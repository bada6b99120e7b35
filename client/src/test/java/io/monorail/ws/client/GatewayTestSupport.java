package io.monorail.ws.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh {@link FakeGateway} per test, and clients of it that are closed afterwards. */
abstract class GatewayTestSupport {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    FakeGateway gateway;
    private final List<MonorailClient> clients = new ArrayList<>();

    @BeforeEach
    void startGateway() throws Exception {
        gateway = FakeGateway.start();
    }

    @AfterEach
    void stopEverything() {
        clients.forEach(MonorailClient::close);
        gateway.close();
    }

    /** Fast reconnects and a request timeout well above any answer's travel time. */
    MonorailClient.Builder builder() {
        return MonorailClient.builder(gateway.uri())
                .reconnect(
                        ReconnectPolicy.exponentialBackoff(
                                Duration.ofMillis(5), Duration.ofMillis(20)))
                .requestTimeout(FakeGateway.WAIT);
    }

    MonorailClient client() {
        return client(builder());
    }

    MonorailClient client(MonorailClient.Builder builder) {
        MonorailClient client = builder.build();
        clients.add(client);
        return client;
    }

    /**
     * Connects {@code client}, answers its init with {@code sessionId}, waits until it is ready.
     */
    FakeConnection connectReady(MonorailClient client, String sessionId) throws Exception {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        client.connect();
        FakeConnection connection = gateway.nextConnection();
        connection.acceptInit(sessionId);
        client.ready(() -> ready.complete(null));
        await(ready);
        return connection;
    }

    static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(FakeGateway.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}

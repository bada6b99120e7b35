package io.monorail.ws.domain.port.out;

import java.util.Objects;

/** One message taken from a topic exchange: where it was published and its raw body. */
public record BusEvent(String exchange, String routingKey, byte[] body) {
    public BusEvent {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(routingKey, "routingKey");
        Objects.requireNonNull(body, "body");
    }
}

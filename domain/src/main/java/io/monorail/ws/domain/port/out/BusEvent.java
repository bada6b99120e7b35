package io.monorail.ws.domain.port.out;

import java.util.Objects;

/**
 * One message taken from a topic exchange: where it was published, its raw body and, when it came
 * through a stream (cluster mode, ADR 13), its offset there: the same on every gateway instance.
 *
 * @param offset the message's offset in the event stream, or {@link #NO_OFFSET}
 */
public record BusEvent(String exchange, String routingKey, byte[] body, long offset) {
    /** The offset of an event that did not come through a stream. */
    public static final long NO_OFFSET = -1;

    public BusEvent {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(routingKey, "routingKey");
        Objects.requireNonNull(body, "body");
    }

    /** An event from a queue, without an offset. */
    public BusEvent(String exchange, String routingKey, byte[] body) {
        this(exchange, routingKey, body, NO_OFFSET);
    }
}

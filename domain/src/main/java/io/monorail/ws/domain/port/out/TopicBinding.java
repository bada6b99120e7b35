package io.monorail.ws.domain.port.out;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One binding of the gateway's queue to a topic exchange: an exchange name and a routing-key
 * pattern ({@code *} one word, {@code #} zero or more words). Validated on construction.
 */
public record TopicBinding(String exchange, String routingKey) {
    /** AMQP short strings hold at most 255 bytes. */
    public static final int MAX_BYTES = 255;

    public TopicBinding {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(routingKey, "routingKey");
        requireShortString("exchange", exchange);
        requireShortString("routingKey", routingKey);
        if (exchange.isEmpty()) {
            throw new IllegalArgumentException("exchange must not be empty");
        }
    }

    /** True when this binding's pattern selects {@code key} (AMQP topic semantics). */
    public boolean matches(String key) {
        return TopicPattern.matches(routingKey, key);
    }

    private static void requireShortString(String what, String value) {
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException(what + " longer than " + MAX_BYTES + " bytes");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(what + " contains a control character");
            }
        }
    }
}

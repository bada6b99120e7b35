package io.monorail.ws.load.client;

import java.net.URI;

/**
 * The gateway's own protocol: {@code init}, {@code watch} of one mq pattern, then {@code init}
 * again; the gateway answers frames of a connection in order, so the second {@code session} reply
 * proves the watch is bound.
 */
public final class MonorailDialect implements Dialect {
    private static final String INIT = "{\"handler\":\"init\"}";

    private final URI uri;
    private final String watch;

    public MonorailDialect(URI uri, String exchange, String pattern) {
        this.uri = uri;
        this.watch =
                "{\"handler\":\"watch\",\"type\":\"mq\",\"params\":{\"exchange\":\""
                        + exchange
                        + "\",\"routingKey\":\""
                        + pattern
                        + "\"}}";
    }

    @Override
    public String name() {
        return "monorail";
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public Conversation start(Subscriber subscriber) {
        subscriber.send(INIT);
        subscriber.send(watch);
        subscriber.send(INIT);
        return new Conversation() {
            private int sessions;

            @Override
            public void received(String text) {
                if (subscriber.delivered(text)) {
                    return;
                }
                if (text.contains("\"handler\":\"session\"")) {
                    if (++sessions == 2) {
                        subscriber.subscribed();
                    }
                } else if (text.contains("\"handler\":\"error\"")) {
                    subscriber.failed(text);
                }
            }
        };
    }
}

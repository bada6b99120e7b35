package io.monorail.ws.load.client;

import io.monorail.ws.load.bare.BareFanOutServer;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The bare fan-out server: the pattern is in the URL, the server says when it is bound. */
public final class BareDialect implements Dialect {
    private final URI uri;

    public BareDialect(String host, int port, String pattern) {
        this.uri =
                URI.create(
                        "ws://"
                                + host
                                + ":"
                                + port
                                + "/?key="
                                + URLEncoder.encode(pattern, StandardCharsets.UTF_8));
    }

    @Override
    public String name() {
        return "bare";
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public Conversation start(Subscriber subscriber) {
        return text -> {
            if (subscriber.delivered(text)) {
                return;
            }
            if (text.equals(BareFanOutServer.READY)) {
                subscriber.subscribed();
            } else {
                subscriber.failed(text);
            }
        };
    }
}

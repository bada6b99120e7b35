package io.monorail.ws.load.client;

import io.monorail.ws.load.stomp.StompCodec;
import io.monorail.ws.load.stomp.StompFrame;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * STOMP 1.2 over WebSocket, as RabbitMQ's Web-STOMP plugin speaks it: CONNECT, then on CONNECTED a
 * SUBSCRIBE to {@code /exchange/<exchange>/<pattern>} asking for a RECEIPT, which is the
 * confirmation. Heart-beats both ways keep Web-STOMP from closing a client that only listens.
 */
public final class StompDialect implements Dialect {
    /** Heart-beat period asked for, in milliseconds. */
    public static final int HEART_BEAT_MILLIS = 10_000;

    private final URI uri;
    private final String destination;
    private final String login;
    private final String passcode;

    public StompDialect(URI uri, String exchange, String pattern, String login, String passcode) {
        this.uri = uri;
        this.destination = "/exchange/" + exchange + "/" + pattern;
        this.login = login;
        this.passcode = passcode;
    }

    @Override
    public String name() {
        return "stomp";
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public String keepAlive() {
        return "\n";
    }

    @Override
    public Conversation start(Subscriber subscriber) {
        Map<String, String> connect = new LinkedHashMap<>();
        connect.put("accept-version", "1.2");
        connect.put("host", "/");
        connect.put("login", login);
        connect.put("passcode", passcode);
        connect.put("heart-beat", HEART_BEAT_MILLIS + "," + HEART_BEAT_MILLIS);
        subscriber.send(StompCodec.encode(StompFrame.of("CONNECT", connect)));
        return text -> {
            for (StompFrame frame : StompCodec.decodeAll(text)) {
                switch (frame.command()) {
                    case "MESSAGE" -> subscriber.delivered(frame.body());
                    case "CONNECTED" -> subscriber.send(StompCodec.encode(subscribe()));
                    case "RECEIPT" -> subscriber.subscribed();
                    case "ERROR" ->
                            subscriber.failed(
                                    "STOMP ERROR: " + frame.header("message") + " " + frame.body());
                    default -> subscriber.failed("unexpected STOMP frame " + frame.command());
                }
            }
        };
    }

    private StompFrame subscribe() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("id", "0");
        headers.put("destination", destination);
        headers.put("ack", "auto");
        headers.put("receipt", "subscribed");
        return StompFrame.of("SUBSCRIBE", headers);
    }
}

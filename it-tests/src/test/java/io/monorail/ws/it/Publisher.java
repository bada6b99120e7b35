package io.monorail.ws.it;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Publishes to a broker the way RackHD's services do: topic exchanges, durable, JSON bodies. */
final class Publisher implements AutoCloseable {
    private final Connection connection;
    private final Channel channel;

    Publisher(URI amqpUri) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(amqpUri);
        connection = factory.newConnection("monorail-it-publisher");
        channel = connection.createChannel();
        channel.confirmSelect();
    }

    /** Publishes and waits until the broker has taken the message. */
    void publish(String exchange, String routingKey, String body) throws Exception {
        channel.exchangeDeclare(exchange, "topic", true, false, null);
        channel.basicPublish(exchange, routingKey, null, body.getBytes(StandardCharsets.UTF_8));
        channel.waitForConfirmsOrDie(10_000);
    }

    /** Publishes {@code count} copies, then waits once until the broker has taken them all. */
    void publishMany(String exchange, String routingKey, String body, int count) throws Exception {
        channel.exchangeDeclare(exchange, "topic", true, false, null);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < count; i++) {
            channel.basicPublish(exchange, routingKey, null, bytes);
        }
        channel.waitForConfirmsOrDie(120_000);
    }

    /** Declares an exchange as RackHD would not: fanout (on a channel of its own). */
    void declareFanout(String exchange) throws Exception {
        try (Channel declaring = connection.createChannel()) {
            declaring.exchangeDeclare(exchange, "fanout", true, false, null);
        }
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}

package io.monorail.ws.app.embedded;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.net.URI;

/** A plain AMQP client publishing as RackHD does, separate from the feed under test. */
final class AmqpPublisher implements AutoCloseable {
    private final Connection connection;
    private final Channel channel;

    AmqpPublisher(URI amqpUri) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(amqpUri);
        connection = factory.newConnection("monorail-ws-it-publisher");
        channel = connection.createChannel();
    }

    /** Declares the exchange as RackHD does (durable topic) and publishes to it. */
    void publish(String exchange, String routingKey, byte[] body) throws Exception {
        channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true, false, null);
        channel.basicPublish(exchange, routingKey, null, body);
    }

    void declare(String exchange, BuiltinExchangeType type) throws Exception {
        channel.exchangeDeclare(exchange, type, true, false, null);
    }

    Connection connection() {
        return connection;
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}

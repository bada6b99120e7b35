package io.monorail.ws.it;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.util.Map;
import java.util.UUID;

/**
 * Settings of a gateway in cluster mode on the machine's RabbitMQ, on streams of its own: the
 * single-instance scenarios run on them to show that a cluster instance behaves as one gateway.
 */
final class ClusterStreams {
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    /** The settings; skips the test when RabbitMQ is not there (or fails it when required). */
    Map<String, String> settings() {
        LocalRabbitMq.requireOrSkip();
        return Map.of(
                "amqp_uri",
                LocalRabbitMq.URI,
                "cluster",
                "streams",
                "cluster_event_stream",
                "it.events." + run,
                "cluster_session_stream",
                "it.sessions." + run);
    }

    /** Deletes the two streams; a failure only leaves them to their retention. */
    void deleteQuietly() {
        try {
            delete();
        } catch (Exception e) {
            System.getLogger(ClusterStreams.class.getName())
                    .log(System.Logger.Level.WARNING, "could not delete the test streams", e);
        }
    }

    private void delete() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(LocalRabbitMq.URI);
        try (Connection connection = factory.newConnection();
                Channel channel = connection.createChannel()) {
            channel.queueDelete("it.events." + run);
            channel.queueDelete("it.sessions." + run);
        }
    }
}

package io.monorail.ws.load.publish;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.monorail.ws.load.event.EventBody;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes load events over AMQP to a topic exchange (declared topic and durable, as RackHD does),
 * with publisher confirms: at full speed, or paced at a fixed rate.
 */
public final class EventPublisher implements AutoCloseable {
    // Web-STOMP routes each event to one queue per client: with 1,000 clients a batch of confirms
    // waits for a backlog of deliveries, minutes on a busy 2-core machine.
    private static final long CONFIRM_TIMEOUT_MILLIS = 15 * 60_000;

    private final Connection connection;
    private final Channel channel;
    private final String exchange;
    private final String routingKey;
    private final int bodySize;

    public EventPublisher(String amqpUri, String exchange, String routingKey, int bodySize)
            throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(amqpUri);
        this.connection = factory.newConnection("monorail-load-publisher");
        this.channel = connection.createChannel();
        channel.exchangeDeclare(exchange, "topic", true);
        channel.confirmSelect();
        this.exchange = exchange;
        this.routingKey = routingKey;
        this.bodySize = bodySize;
    }

    /** Events 0..events-1 as fast as the broker confirms them, in batches of {@code batch}. */
    public Published flood(int phase, long events, int batch) throws Exception {
        long start = System.nanoTime();
        for (long seq = 0; seq < events; seq++) {
            publish(phase, seq);
            if ((seq + 1) % batch == 0) {
                channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MILLIS);
            }
        }
        channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MILLIS);
        return new Published(events, (System.nanoTime() - start) / 1e9);
    }

    /** {@code perSecond} events a second for {@code duration}, each at its due time. */
    public Published paced(int phase, double perSecond, Duration duration) throws Exception {
        long events = Math.max(1, Math.round(perSecond * duration.toNanos() / 1e9));
        long start = System.nanoTime();
        for (long seq = 0; seq < events; seq++) {
            long due = start + Math.round(seq * 1e9 / perSecond);
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            publish(phase, seq);
        }
        channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MILLIS);
        return new Published(events, (System.nanoTime() - start) / 1e9);
    }

    private void publish(int phase, long seq) throws Exception {
        byte[] body = EventBody.encode(phase, seq, EventBody.nowMicros(), bodySize);
        channel.basicPublish(exchange, routingKey, null, body);
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }

    /** How many events were published and confirmed, and how long publishing took. */
    public record Published(long events, double seconds) {}
}

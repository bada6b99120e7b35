package io.monorail.ws.adapter.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.monorail.ws.domain.port.out.BusEvent;
import java.util.function.Consumer;

/**
 * Hands each delivery of the gateway's queue, in order, to the {@link BurstDispatcher}, which
 * passes them to the sink and acknowledges them.
 */
final class SinkConsumer extends DefaultConsumer {
    private final BurstDispatcher bursts;
    private final Consumer<String> onCancel;

    SinkConsumer(Channel channel, BurstDispatcher bursts, Consumer<String> onCancel) {
        super(channel);
        this.bursts = bursts;
        this.onCancel = onCancel;
    }

    @Override
    public void handleDelivery(
            String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        bursts.add(
                new BusEvent(envelope.getExchange(), envelope.getRoutingKey(), body),
                getChannel(),
                envelope.getDeliveryTag());
    }

    @Override
    public void handleCancel(String consumerTag) {
        onCancel.accept("the broker cancelled the consumer (queue deleted?)");
    }
}

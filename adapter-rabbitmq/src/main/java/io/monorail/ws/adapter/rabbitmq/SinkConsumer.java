package io.monorail.ws.adapter.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.monorail.ws.domain.port.out.BusEvent;
import io.monorail.ws.domain.port.out.EventSink;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each delivery of the gateway's queue to the sink, in order, and acknowledges it once the
 * sink returned.
 */
final class SinkConsumer extends DefaultConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(SinkConsumer.class);

    private final Supplier<EventSink> sink;
    private final Consumer<String> onCancel;

    SinkConsumer(Channel channel, Supplier<EventSink> sink, Consumer<String> onCancel) {
        super(channel);
        this.sink = sink;
        this.onCancel = onCancel;
    }

    @Override
    public void handleDelivery(
            String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
            throws IOException {
        EventSink target = sink.get();
        if (target != null) {
            try {
                target.onEvent(
                        new BusEvent(envelope.getExchange(), envelope.getRoutingKey(), body));
            } catch (RuntimeException e) {
                // A bug in the domain: redelivering the same message would only fail again.
                LOG.error(
                        "event sink failed on {} {}",
                        envelope.getExchange(),
                        envelope.getRoutingKey(),
                        e);
            }
        }
        getChannel().basicAck(envelope.getDeliveryTag(), false);
    }

    @Override
    public void handleCancel(String consumerTag) {
        onCancel.accept("the broker cancelled the consumer (queue deleted?)");
    }
}

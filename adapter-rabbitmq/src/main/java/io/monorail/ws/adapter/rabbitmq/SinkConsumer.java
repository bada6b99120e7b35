package io.monorail.ws.adapter.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.monorail.ws.domain.port.out.BusEvent;
import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each delivery of the gateway's queue, in order, to the {@link BurstDispatcher}, which
 * passes them to the sink and acknowledges them. Reading a stream, it gives each event its offset
 * and lets the {@link StreamPosition.Subscription} drop what the sink already has and report what
 * it lost.
 */
final class SinkConsumer extends DefaultConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(SinkConsumer.class);

    /** The header in which a stream gives each delivery its offset. */
    static final String OFFSET_HEADER = "x-stream-offset";

    /**
     * The header of a marker: a message an instance publishes straight to the stream (through the
     * default exchange, so it reaches no watch) after it subscribed from the start, to know when it
     * has read everything before.
     */
    static final String MARKER_HEADER = "x-monorail-marker";

    private final BurstDispatcher bursts;
    private final Consumer<String> onCancel;
    private final StreamPosition.Subscription subscription;

    /** A consumer of a queue: events without offsets. */
    SinkConsumer(Channel channel, BurstDispatcher bursts, Consumer<String> onCancel) {
        this(channel, bursts, onCancel, null);
    }

    /** A consumer of a stream, when {@code subscription} is not null. */
    SinkConsumer(
            Channel channel,
            BurstDispatcher bursts,
            Consumer<String> onCancel,
            StreamPosition.Subscription subscription) {
        super(channel);
        this.bursts = bursts;
        this.onCancel = onCancel;
        this.subscription = subscription;
    }

    @Override
    public void handleDelivery(
            String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
            throws IOException {
        if (subscription == null) {
            bursts.add(
                    new BusEvent(envelope.getExchange(), envelope.getRoutingKey(), body),
                    getChannel(),
                    envelope.getDeliveryTag());
            return;
        }
        long offset = offset(properties);
        if (offset == BusEvent.NO_OFFSET) {
            // Not from a stream after all: nothing to place it by, so it goes as it is.
            addWithOffset(envelope, body, offset);
            return;
        }
        // A marker goes over like an event (on the default exchange, so no watch gets it): the
        // sink learns where in the stream it is even before the first event.
        Object marker =
                properties.getHeaders() == null ? null : properties.getHeaders().get(MARKER_HEADER);
        Runnable caughtUp = marker == null ? null : subscription.marker(marker.toString());
        switch (subscription.accept(offset)) {
            case STALE -> {
                // A newer subscription reads it again; this channel is closed.
                return;
            }
            case DUPLICATE -> getChannel().basicAck(envelope.getDeliveryTag(), false);
            case DELIVER_AFTER_LOSS -> {
                String loss = subscription.loss();
                LOG.warn("events lost: {}", loss);
                bursts.lost(loss);
                addWithOffset(envelope, body, offset);
            }
            case DELIVER -> addWithOffset(envelope, body, offset);
        }
        if (caughtUp != null) {
            bursts.then(caughtUp);
        }
    }

    private void addWithOffset(Envelope envelope, byte[] body, long offset) {
        bursts.add(
                new BusEvent(envelope.getExchange(), envelope.getRoutingKey(), body, offset),
                getChannel(),
                envelope.getDeliveryTag());
    }

    @Override
    public void handleCancel(String consumerTag) {
        onCancel.accept("the broker cancelled the consumer (queue deleted?)");
    }

    /** The delivery's stream offset, or {@link BusEvent#NO_OFFSET}; a stream always sends one. */
    static long offset(AMQP.BasicProperties properties) {
        Map<String, Object> headers = properties == null ? null : properties.getHeaders();
        Object offset = headers == null ? null : headers.get(OFFSET_HEADER);
        return offset instanceof Number number ? number.longValue() : BusEvent.NO_OFFSET;
    }
}

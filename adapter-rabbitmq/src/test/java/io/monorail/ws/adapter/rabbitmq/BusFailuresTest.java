package io.monorail.ws.adapter.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.impl.AMQImpl;
import io.monorail.ws.domain.port.out.EventFeedException;
import io.monorail.ws.domain.port.out.EventFeedException.Reason;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class BusFailuresTest {

    @Test
    void rabbitChannelClose406_isARejectionSafeToShow() {
        EventFeedException e =
                BusFailures.bindFailure("on.events", channelClose(AMQP.PRECONDITION_FAILED));

        assertThat(e.reason()).isEqualTo(Reason.REJECTED);
        assertThat(e.getMessage())
                .isEqualTo(
                        "exchange on.events exists with different attributes"
                                + " (a durable topic exchange is needed)");
    }

    @Test
    void qpidConnectionClose530_isTheSameRejection() {
        EventFeedException e =
                BusFailures.bindFailure("on.events", connectionClose(AMQP.NOT_ALLOWED));

        assertThat(e.reason()).isEqualTo(Reason.REJECTED);
        assertThat(e.getMessage()).contains("exists with different attributes");
    }

    @Test
    void accessRefused_isARejection() {
        EventFeedException e =
                BusFailures.bindFailure("on.events", channelClose(AMQP.ACCESS_REFUSED));

        assertThat(e.reason()).isEqualTo(Reason.REJECTED);
        assertThat(e.getMessage()).isEqualTo("access to exchange on.events refused");
    }

    @Test
    void brokerShuttingDown_isUnavailability() {
        EventFeedException e =
                BusFailures.bindFailure("on.events", connectionClose(AMQP.CONNECTION_FORCED));

        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(e.getMessage()).isEqualTo("message bus unavailable");
    }

    @Test
    void brokerNotAnswering_isUnavailability() {
        EventFeedException e =
                BusFailures.bindFailure(
                        "on.events", new IOException("rpc", new TimeoutException("5000 ms")));

        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(e.getMessage()).isEqualTo("message bus did not answer in time");
    }

    @Test
    void describe_givesTheBrokersReplyWithoutStackTrace() {
        assertThat(BusFailures.describe(channelClose(AMQP.PRECONDITION_FAILED)))
                .isEqualTo("reply text (reply code 406)");
        assertThat(BusFailures.describe(new IOException("Connection refused")))
                .isEqualTo("IOException: Connection refused");
    }

    private static IOException channelClose(int code) {
        return new IOException(
                new ShutdownSignalException(
                        false, false, new AMQImpl.Channel.Close(code, "reply text", 0, 0), null));
    }

    private static IOException connectionClose(int code) {
        return new IOException(
                new ShutdownSignalException(
                        true, false, new AMQImpl.Connection.Close(code, "reply text", 0, 0), null));
    }
}

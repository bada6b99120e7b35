package io.monorail.ws.adapter.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Method;
import com.rabbitmq.client.ShutdownSignalException;
import io.monorail.ws.domain.port.out.EventFeedException;
import io.monorail.ws.domain.port.out.EventFeedException.Reason;
import java.util.concurrent.TimeoutException;

/**
 * Turns what the RabbitMQ client throws into {@link EventFeedException}s whose messages are safe to
 * show a client, and into one-line reasons for the log.
 */
final class BusFailures {
    private BusFailures() {}

    static EventFeedException unavailable() {
        return new EventFeedException(Reason.UNAVAILABLE, "message bus unavailable");
    }

    /** Why declaring {@code exchange} or binding to it failed. */
    static EventFeedException bindFailure(String exchange, Throwable failure) {
        if (isTimeout(failure)) {
            return new EventFeedException(
                    Reason.UNAVAILABLE, "message bus did not answer in time", failure);
        }
        int code = replyCode(closeMethod(failure));
        String message =
                switch (code) {
                    // RabbitMQ answers a declaration that differs from the existing exchange
                    // with 406 on the channel; Qpid with 530 on the whole connection.
                    case AMQP.PRECONDITION_FAILED, AMQP.NOT_ALLOWED ->
                            "exchange "
                                    + exchange
                                    + " exists with different attributes"
                                    + " (a durable topic exchange is needed)";
                    case AMQP.ACCESS_REFUSED -> "access to exchange " + exchange + " refused";
                    case AMQP.NOT_FOUND -> "exchange " + exchange + " not found";
                    default -> null;
                };
        return message == null
                ? new EventFeedException(Reason.UNAVAILABLE, "message bus unavailable", failure)
                : new EventFeedException(Reason.REJECTED, message, failure);
    }

    /** A short reason for the log: no stack trace, no URI. */
    static String describe(Throwable failure) {
        Method close = closeMethod(failure);
        if (close instanceof AMQP.Connection.Close c) {
            return c.getReplyText() + " (reply code " + c.getReplyCode() + ")";
        }
        if (close instanceof AMQP.Channel.Close c) {
            return c.getReplyText() + " (reply code " + c.getReplyCode() + ")";
        }
        if (failure instanceof ShutdownSignalException) {
            return "connection lost";
        }
        String message = failure.getMessage();
        String type = failure.getClass().getSimpleName();
        return message == null ? type : type + ": " + message;
    }

    private static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** The broker's close method behind a failure; the client wraps it in IOExceptions. */
    private static Method closeMethod(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ShutdownSignalException s && !s.isInitiatedByApplication()) {
                return s.getReason();
            }
        }
        return null;
    }

    private static int replyCode(Method close) {
        if (close instanceof AMQP.Channel.Close c) {
            return c.getReplyCode();
        }
        if (close instanceof AMQP.Connection.Close c) {
            return c.getReplyCode();
        }
        return 0;
    }
}

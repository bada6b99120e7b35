package io.monorail.ws.adapter.rabbitmq;

import io.monorail.ws.domain.port.out.EventFeed;
import io.monorail.ws.domain.port.out.EventFeedContract;
import io.monorail.ws.domain.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The event feed contract against the machine's RabbitMQ. */
class RabbitEventFeedIT extends EventFeedContract {
    private static LocalRabbit rabbit;

    @BeforeAll
    static void connect() throws Exception {
        rabbit = LocalRabbit.connectOrSkip();
    }

    @AfterAll
    static void disconnect() throws Exception {
        if (rabbit != null) {
            rabbit.close();
        }
    }

    @Override
    protected EventFeed createFeed() throws Exception {
        RabbitEventFeed feed = new RabbitEventFeed(LocalRabbit.feedConfig());
        feed.start();
        Await.until(feed::isAvailable, "feed connected");
        return feed;
    }

    @Override
    protected void publish(String exchange, String routingKey, byte[] body) throws Exception {
        rabbit.publish(exchange, routingKey, body);
    }

    @Override
    protected void dispose(EventFeed feed) {
        ((RabbitEventFeed) feed).stop();
    }

    @Override
    protected String uniqueExchange() {
        return rabbit.track(super.uniqueExchange());
    }
}

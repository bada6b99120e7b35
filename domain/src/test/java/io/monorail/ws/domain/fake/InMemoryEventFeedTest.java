package io.monorail.ws.domain.fake;

import io.monorail.ws.domain.port.out.EventFeed;
import io.monorail.ws.domain.port.out.EventFeedContract;

class InMemoryEventFeedTest extends EventFeedContract {
    private InMemoryEventFeed fake;

    @Override
    protected EventFeed createFeed() {
        fake = new InMemoryEventFeed();
        return fake;
    }

    @Override
    protected void publish(String exchange, String routingKey, byte[] body) {
        fake.publish(exchange, routingKey, body);
    }

    @Override
    protected void dispose(EventFeed feed) {}
}

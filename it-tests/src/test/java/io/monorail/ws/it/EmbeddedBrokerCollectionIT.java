package io.monorail.ws.it;

import java.util.Map;

/** Collection flows with the embedded broker. */
class EmbeddedBrokerCollectionIT extends CollectionScenarios {
    @Override
    protected Map<String, String> brokerSettings() {
        return Map.of();
    }
}

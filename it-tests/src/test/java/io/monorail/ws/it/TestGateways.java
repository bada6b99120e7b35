package io.monorail.ws.it;

import io.monorail.ws.app.GatewayApplication;
import io.monorail.ws.app.Settings;
import java.util.HashMap;
import java.util.Map;

/** Starts the assembled gateway as the ITs need it: on any free port, embedded servers likewise. */
final class TestGateways {
    private TestGateways() {}

    /**
     * A started gateway with {@code settings} (names as in {@link Settings#of}, without the {@code
     * MONORAIL_} prefix) on an ephemeral port; the embedded broker and store also get free ports
     * unless {@code settings} names them.
     */
    static GatewayApplication start(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("port", "0");
        all.putIfAbsent("embedded_amqp_port", "0");
        all.putIfAbsent("embedded_mongo_port", "0");
        GatewayApplication gateway = GatewayApplication.create(Settings.of(all));
        gateway.start();
        return gateway;
    }

    /**
     * {@link #start}, then waits until the gateway's message bus is connected: a watch asked for
     * before that is refused with {@code bus_unavailable}, which a test of something else must not
     * trip over.
     */
    static GatewayApplication startConnected(Map<String, String> settings) throws Exception {
        GatewayApplication gateway = start(settings);
        try {
            Health.awaitBus(gateway);
        } catch (Exception | AssertionError e) {
            gateway.close();
            throw e;
        }
        return gateway;
    }
}

package io.monorail.ws.it;

import io.monorail.ws.app.GatewayApplication;
import io.monorail.ws.domain.testing.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The gateway's {@code /health} endpoint, as the end-to-end tests read it. */
final class Health {
    private Health() {}

    /** The endpoint's answer: 200 while the message bus is connected, 503 while it is not. */
    static HttpResponse<String> get(GatewayApplication gateway) throws Exception {
        URI uri = URI.create("http://" + gateway.webSocketUri().getAuthority() + "/health");
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(uri).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Returns once the gateway reports its message bus connected: watches on the bus are refused
     * until then, and a gateway answers clients before its first connection to the broker is up.
     */
    static void awaitBus(GatewayApplication gateway) throws Exception {
        Await.until(() -> get(gateway).statusCode() == 200, "bus connected", WsTestClient.WAIT);
    }

    /** {@code monorail_events_total} from {@code /metrics}: bus events the gateway received. */
    static double eventsReceived(GatewayApplication gateway) throws Exception {
        URI uri = URI.create("http://" + gateway.webSocketUri().getAuthority() + "/metrics");
        String body =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(uri).GET().build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
        for (String line : body.split("\n")) {
            if (line.startsWith("monorail_events_total ")) {
                return Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim());
            }
        }
        throw new AssertionError("no monorail_events_total in /metrics");
    }
}

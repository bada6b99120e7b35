package io.monorail.ws.adapter.jetty;

import io.monorail.ws.domain.port.Principal;
import io.monorail.ws.domain.port.Verification;
import io.monorail.ws.domain.port.in.ClientGateway;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketCreator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether an upgrade request becomes a WebSocket: a path we serve (404), an allowed {@code
 * Origin} (403), room under the connection limits (503 in total, 429 per address), and a token the
 * gateway accepts (401), in that order. Nothing it logs holds a token.
 */
final class UpgradeGate implements WebSocketCreator {
    private static final Logger LOG = LoggerFactory.getLogger(UpgradeGate.class);

    private final ClientGateway gateway;
    private final JettyTransportConfig config;
    private final TransportSecurity security;
    private final ConnectionLimiter limiter;
    private final ScheduledExecutorService scheduler;
    private final OpenConnections open;
    private final RefusedOriginLog refusedOrigins;

    UpgradeGate(
            ClientGateway gateway,
            JettyTransportConfig config,
            TransportSecurity security,
            ScheduledExecutorService scheduler,
            OpenConnections open) {
        this.open = open;
        this.gateway = gateway;
        this.config = config;
        this.security = security;
        this.limiter =
                new ConnectionLimiter(
                        security.maxConnections(), security.maxConnectionsPerAddress());
        this.scheduler = scheduler;
        this.refusedOrigins = new RefusedOriginLog(security.origins().toString());
    }

    @Override
    public Object createWebSocket(
            ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        ChannelPath.Parsed path = ChannelPath.parse(request.getHttpURI().getPath());
        if (!path.valid()) {
            return refuse(request, response, callback, HttpStatus.NOT_FOUND_404);
        }
        String address = Request.getRemoteAddr(request);
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (!security.origins()
                .allows(
                        origin,
                        Request.getServerName(request),
                        Request.getServerPort(request),
                        request.isSecure())) {
            refusedOrigins.refused(origin, address);
            return refuse(request, response, callback, HttpStatus.FORBIDDEN_403);
        }
        switch (limiter.acquire(address)) {
            case TOO_MANY_IN_TOTAL -> {
                LOG.debug("refused an upgrade from {}: connection limit reached", address);
                return refuse(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503);
            }
            case TOO_MANY_FROM_ADDRESS -> {
                LOG.debug("refused an upgrade from {}: per-address limit reached", address);
                return refuse(request, response, callback, HttpStatus.TOO_MANY_REQUESTS_429);
            }
            case ADMITTED -> {}
        }
        boolean admitted = false;
        try {
            Verification verification = gateway.authenticate(UpgradeTokens.find(request));
            if (verification.principal().isEmpty()) {
                LOG.debug(
                        "refused an upgrade from {}: {}",
                        address,
                        verification.failure().orElse("unauthenticated"));
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
                return refuse(request, response, callback, HttpStatus.UNAUTHORIZED_401);
            }
            Principal principal = verification.principal().get();
            UpgradeTokens.selectSubprotocol(request, response);
            JettyClientEndpoint endpoint =
                    new JettyClientEndpoint(
                            gateway,
                            path.channel(),
                            principal,
                            config,
                            scheduler,
                            open,
                            () -> limiter.release(address));
            admitted = true;
            return endpoint;
        } finally {
            if (!admitted) {
                limiter.release(address);
            }
        }
    }

    /** Connections open now, for tests and metrics. */
    int connections() {
        return limiter.total();
    }

    private static Object refuse(
            Request request, Response response, Callback callback, int status) {
        Response.writeError(request, response, callback, status);
        return null;
    }
}

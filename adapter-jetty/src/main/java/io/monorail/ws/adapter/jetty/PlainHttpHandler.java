package io.monorail.ws.adapter.jetty;

import io.monorail.ws.domain.port.in.ClientGateway;
import java.nio.ByteBuffer;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the HTTP requests that are not WebSocket upgrades: {@code GET /health}, {@code GET
 * /metrics}, the browser files of {@link WebAssets} (the console at {@code /}, or a one-line banner
 * when the jar has none), and 404 for everything else.
 */
final class PlainHttpHandler extends Handler.Abstract.NonBlocking {
    static final String BANNER = "monorail-ws: RackHD WebSocket gateway\n";

    private static final Logger LOG = LoggerFactory.getLogger(PlainHttpHandler.class);

    /**
     * What the browser may do with the files we serve: load scripts and styles from this origin
     * only, open WebSockets to it, never be framed or post forms elsewhere.
     */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                    + " connect-src 'self'; base-uri 'none'; form-action 'none';"
                    + " frame-ancestors 'none'";

    private final ClientGateway gateway;
    private final Supplier<String> metrics;
    private final WebAssets assets;

    /**
     * @param metrics the Prometheus text exposition for {@code GET /metrics}, or null for none
     */
    PlainHttpHandler(ClientGateway gateway, Supplier<String> metrics, WebAssets assets) {
        this.gateway = gateway;
        this.metrics = metrics;
        this.assets = assets;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        var asset = assets.find(path);
        if (asset.isPresent()) {
            if (requireGet(request, response, callback)) {
                serve(request, response, callback, asset.get());
            }
            return true;
        }
        switch (path) {
            case "/health" -> {
                if (requireGet(request, response, callback)) {
                    ClientGateway.Health health = health();
                    write(
                            response,
                            callback,
                            health.up() ? HttpStatus.OK_200 : HttpStatus.SERVICE_UNAVAILABLE_503,
                            "application/json",
                            healthJson(health));
                }
            }
            case "/metrics" -> {
                if (metrics == null) {
                    Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
                } else if (requireGet(request, response, callback)) {
                    write(
                            response,
                            callback,
                            HttpStatus.OK_200,
                            "text/plain; version=0.0.4; charset=utf-8",
                            metrics.get());
                }
            }
            case "/" -> {
                if (requireGet(request, response, callback)) {
                    write(
                            response,
                            callback,
                            HttpStatus.OK_200,
                            "text/plain; charset=utf-8",
                            BANNER);
                }
            }
            default -> Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
        }
        return true;
    }

    private ClientGateway.Health health() {
        try {
            return gateway.health();
        } catch (RuntimeException e) {
            LOG.warn("health check failed", e);
            return new ClientGateway.Health(false, false);
        }
    }

    static String healthJson(ClientGateway.Health health) {
        return "{\"status\":\""
                + upOrDown(health.up())
                + "\",\"bus\":\""
                + upOrDown(health.busAvailable())
                + "\",\"store\":\""
                + upOrDown(health.storeAvailable())
                + "\"}";
    }

    private static String upOrDown(boolean up) {
        return up ? "up" : "down";
    }

    private static boolean requireGet(Request request, Response response, Callback callback) {
        if (HttpMethod.GET.is(request.getMethod())) {
            return true;
        }
        response.getHeaders().put(HttpHeader.ALLOW, HttpMethod.GET.asString());
        Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
        return false;
    }

    private static void serve(
            Request request, Response response, Callback callback, WebAssets.Asset asset) {
        var headers = response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, asset.contentType());
        headers.put(HttpHeader.ETAG, asset.etag());
        // Revalidate every time: a new jar must never leave an old client in a browser's cache.
        headers.put(HttpHeader.CACHE_CONTROL, "no-cache");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        if (asset.etag().equals(request.getHeaders().get(HttpHeader.IF_NONE_MATCH))) {
            response.setStatus(HttpStatus.NOT_MODIFIED_304);
            callback.succeeded();
            return;
        }
        response.setStatus(HttpStatus.OK_200);
        response.write(true, ByteBuffer.wrap(asset.body()), callback);
    }

    private static void write(
            Response response, Callback callback, int status, String contentType, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Content.Sink.write(response, true, body, callback);
    }
}

package io.monorail.ws.adapter.jetty;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which web pages may open a WebSocket to the gateway (against cross-site WebSocket hijacking).
 * Browsers always send {@code Origin}; a request without one is not from a browser and is judged by
 * its token alone. By default only the gateway's own origin is allowed: the {@code Origin}'s host
 * and port equal the {@code Host} the request was sent to.
 */
public final class OriginPolicy {
    private static final String ANY = "*";

    // Normalized "scheme://host:port"; empty = same origin only.
    private final Set<String> allowed;
    private final boolean any;

    private OriginPolicy(Set<String> allowed, boolean any) {
        this.allowed = Set.copyOf(allowed);
        this.any = any;
    }

    /** Only pages served by the gateway's own scheme, host and port. */
    public static OriginPolicy sameOrigin() {
        return new OriginPolicy(Set.of(), false);
    }

    /**
     * Pages from these origins ({@code https://ui.example.com}, {@code http://10.0.0.5:8080}), or
     * from anywhere when one of them is {@code *}.
     *
     * @throws IllegalArgumentException naming an entry that is not an origin
     */
    public static OriginPolicy allowList(Collection<String> origins) {
        Set<String> normalized = new LinkedHashSet<>();
        boolean any = false;
        for (String origin : origins) {
            if (origin.trim().equals(ANY)) {
                any = true;
                continue;
            }
            String entry = normalize(origin);
            if (entry == null) {
                throw new IllegalArgumentException(
                        "'" + origin + "' is not an origin like https://host[:port]");
            }
            normalized.add(entry);
        }
        if (!any && normalized.isEmpty()) {
            return sameOrigin();
        }
        return new OriginPolicy(normalized, any);
    }

    /**
     * Whether an upgrade with this {@code Origin} may proceed.
     *
     * @param origin the {@code Origin} header, or null when absent (not a browser)
     * @param serverName the host the request was sent to (from {@code Host})
     * @param serverPort the port the request was sent to
     * @param secure whether the request came over TLS
     */
    public boolean allows(String origin, String serverName, int serverPort, boolean secure) {
        if (origin == null || any) {
            return true;
        }
        String normalized = normalize(origin);
        if (normalized == null) {
            return false; // "null" (sandboxed pages, files) and garbage
        }
        if (!allowed.isEmpty()) {
            return allowed.contains(normalized);
        }
        String self =
                (secure ? "https" : "http")
                        + "://"
                        + serverName.toLowerCase(Locale.ROOT)
                        + ":"
                        + serverPort;
        return normalized.equals(self);
    }

    /** {@code scheme://host:port} with the default port filled in, or null when not an origin. */
    static String normalize(String origin) {
        try {
            URI uri = new URI(origin.trim());
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null || host == null || uri.getRawUserInfo() != null) {
                return null;
            }
            String path = uri.getRawPath();
            if ((path != null && !path.isEmpty() && !path.equals("/"))
                    || uri.getRawQuery() != null) {
                return null;
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            if (port < 0) {
                port =
                        switch (scheme) {
                            case "http", "ws" -> 80;
                            case "https", "wss" -> 443;
                            default -> -1;
                        };
            }
            return scheme + "://" + host.toLowerCase(Locale.ROOT) + ":" + port;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return any ? "any origin" : allowed.isEmpty() ? "same origin" : "origins " + allowed;
    }
}

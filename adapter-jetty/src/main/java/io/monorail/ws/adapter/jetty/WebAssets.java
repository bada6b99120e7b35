package io.monorail.ws.adapter.jetty;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The browser files served from the jar: the console page, the JavaScript client and the protocol's
 * AsyncAPI document. A fixed table of paths, read once at startup, so no request path ever reaches
 * the class loader or the file system.
 */
final class WebAssets {
    /** One served file: its bytes, media type and a strong entity tag. */
    record Asset(byte[] body, String contentType, String etag) {}

    private record Entry(String path, String resource, String contentType) {}

    private static final String JS = "text/javascript; charset=utf-8";

    private static final List<Entry> TABLE =
            List.of(
                    new Entry("/", "monorail/web/index.html", "text/html; charset=utf-8"),
                    new Entry(
                            "/console.css", "monorail/web/console.css", "text/css; charset=utf-8"),
                    new Entry("/console.js", "monorail/web/console.js", JS),
                    new Entry("/monorail-ws.js", "monorail/web/monorail-ws.js", JS),
                    new Entry("/asyncapi.json", "monorail/asyncapi.json", "application/json"));

    private final Map<String, Asset> assets;

    private WebAssets(Map<String, Asset> assets) {
        this.assets = Map.copyOf(assets);
    }

    /** Reads every file of the table that is on the class path; absent ones are not served. */
    static WebAssets fromClassPath() {
        ClassLoader loader = WebAssets.class.getClassLoader();
        Map<String, Asset> found = new LinkedHashMap<>();
        for (Entry entry : TABLE) {
            try (InputStream in = loader.getResourceAsStream(entry.resource())) {
                if (in != null) {
                    byte[] body = in.readAllBytes();
                    found.put(entry.path(), new Asset(body, entry.contentType(), etag(body)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + entry.resource(), e);
            }
        }
        return new WebAssets(found);
    }

    Optional<Asset> find(String path) {
        return Optional.ofNullable(assets.get(path));
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

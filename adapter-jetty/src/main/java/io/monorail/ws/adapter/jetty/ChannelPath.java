package io.monorail.ws.adapter.jetty;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the channel (default resource) from an upgrade request's path: {@code /nodes} is channel
 * "nodes", {@code /} is no channel, anything else is not a WebSocket endpoint.
 */
final class ChannelPath {
    static final int MAX_LENGTH = 128;

    private static final Pattern CHANNEL = Pattern.compile("[A-Za-z0-9_.\\-]+");

    /** What a path means: the root, a channel, or nothing we serve. */
    record Parsed(boolean valid, String channel) {
        static final Parsed ROOT = new Parsed(true, null);
        static final Parsed INVALID = new Parsed(false, null);
    }

    private ChannelPath() {}

    /**
     * Parses a raw (still percent-encoded) path without its query string.
     *
     * @return {@link Parsed#ROOT} for {@code /} or an empty path, a channel for one valid segment,
     *     {@link Parsed#INVALID} otherwise
     */
    static Parsed parse(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.equals("/")) {
            return Parsed.ROOT;
        }
        if (rawPath.charAt(0) != '/' || rawPath.indexOf('/', 1) >= 0) {
            return Parsed.INVALID;
        }
        return decode(rawPath.substring(1))
                .filter(ChannelPath::isValidChannel)
                .map(channel -> new Parsed(true, channel))
                .orElse(Parsed.INVALID);
    }

    private static Optional<String> decode(String segment) {
        try {
            // URLDecoder decodes form encoding: keep a literal '+' from turning into a space.
            return Optional.of(
                    URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private static boolean isValidChannel(String channel) {
        return channel.length() <= MAX_LENGTH
                && !channel.equals(".")
                && !channel.equals("..")
                && CHANNEL.matcher(channel).matches();
    }
}

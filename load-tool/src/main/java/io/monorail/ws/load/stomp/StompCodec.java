package io.monorail.ws.load.stomp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes and decodes STOMP 1.2 frames carried in WebSocket text messages (one message may hold
 * several frames, and heart-beats are bare end-of-lines between them).
 */
public final class StompCodec {
    private static final char NUL = '\0';

    private StompCodec() {}

    /** The frame as STOMP text, NUL-terminated; header values escaped except on CONNECT(ED). */
    public static String encode(StompFrame frame) {
        boolean escape = escapes(frame.command());
        StringBuilder out = new StringBuilder(64 + frame.body().length());
        out.append(frame.command()).append('\n');
        for (Map.Entry<String, String> header : frame.headers().entrySet()) {
            out.append(escape ? escape(header.getKey()) : header.getKey())
                    .append(':')
                    .append(escape ? escape(header.getValue()) : header.getValue())
                    .append('\n');
        }
        return out.append('\n').append(frame.body()).append(NUL).toString();
    }

    /** Every frame in one text message; heart-beats (EOLs) yield none. */
    public static List<StompFrame> decodeAll(String text) {
        List<StompFrame> frames = new ArrayList<>(1);
        int at = 0;
        while (true) {
            at = skipEols(text, at);
            if (at >= text.length()) {
                return frames;
            }
            at = decodeOne(text, at, frames);
        }
    }

    private static int decodeOne(String text, int start, List<StompFrame> into) {
        int lineEnd = lineEnd(text, start);
        String command = stripCr(text.substring(start, lineEnd));
        boolean unescape = escapes(command);
        Map<String, String> headers = new LinkedHashMap<>();
        int at = lineEnd + 1;
        while (true) {
            if (at >= text.length()) {
                throw new IllegalArgumentException("STOMP frame ends inside its headers");
            }
            int end = lineEnd(text, at);
            String line = stripCr(text.substring(at, end));
            at = end + 1;
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("bad STOMP header line: '" + line + "'");
            }
            String name = line.substring(0, colon);
            String value = line.substring(colon + 1);
            headers.putIfAbsent(
                    unescape ? unescape(name) : name, unescape ? unescape(value) : value);
        }
        int bodyEnd = bodyEnd(text, at, headers.get("content-length"));
        into.add(new StompFrame(command, headers, text.substring(at, bodyEnd)));
        return bodyEnd + 1;
    }

    /** Where the body ends: after content-length octets (UTF-8) if given, else at the NUL. */
    private static int bodyEnd(String text, int from, String contentLength) {
        int end;
        if (contentLength != null) {
            long octets = Long.parseLong(contentLength.trim());
            end = from;
            while (octets > 0 && end < text.length()) {
                int cp = text.codePointAt(end);
                octets -= cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
                end += Character.charCount(cp);
            }
            if (octets != 0 || end >= text.length() || text.charAt(end) != NUL) {
                throw new IllegalArgumentException("STOMP body does not match content-length");
            }
        } else {
            end = text.indexOf(NUL, from);
            if (end < 0) {
                throw new IllegalArgumentException("STOMP frame without its NUL terminator");
            }
        }
        return end;
    }

    private static boolean escapes(String command) {
        return !command.equals("CONNECT") && !command.equals("CONNECTED");
    }

    private static int lineEnd(String text, int from) {
        int end = text.indexOf('\n', from);
        return end < 0 ? text.length() : end;
    }

    private static int skipEols(String text, int at) {
        while (at < text.length() && (text.charAt(at) == '\n' || text.charAt(at) == '\r')) {
            at++;
        }
        return at;
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case ':' -> out.append("\\c");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String unescape(String value) {
        if (value.indexOf('\\') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i >= value.length()) {
                throw new IllegalArgumentException("STOMP header ends in a lone backslash");
            }
            switch (value.charAt(i)) {
                case '\\' -> out.append('\\');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 'c' -> out.append(':');
                default ->
                        throw new IllegalArgumentException(
                                "undefined STOMP escape \\" + value.charAt(i));
            }
        }
        return out.toString();
    }
}

package io.monorail.ws.adapter.jetty;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the operator, once per origin, that browsers from a web page's origin are being refused and
 * which setting allows them: a UI on another host otherwise retries forever with nothing in the log
 * saying why. Rate-limited so a client forging origins cannot flood the log: each origin at most
 * once per {@link #REPEAT_MILLIS}, and at most {@link #BURST} warnings per minute in all.
 */
final class RefusedOriginLog {
    static final long REPEAT_MILLIS = 10 * 60_000L;
    static final int BURST = 10;
    private static final int REMEMBERED = 256;
    private static final int MAX_SHOWN_CHARS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(RefusedOriginLog.class);

    private final String allowed;
    private final LongSupplier clock;
    private final Sink sink;
    // Origin -> when it was last logged; least recently logged first.
    private final Map<String, Long> logged =
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                    return size() > REMEMBERED;
                }
            };
    private long windowStart;
    private int inWindow;
    private long suppressed;

    /** Where warnings go (the log, or a test). */
    @FunctionalInterface
    interface Sink {
        void warn(String message);
    }

    /**
     * @param allowed what the origin policy allows, in words ("same origin", ...)
     */
    RefusedOriginLog(String allowed) {
        this(allowed, System::currentTimeMillis, LOG::warn);
    }

    RefusedOriginLog(String allowed, LongSupplier clock, Sink sink) {
        this.allowed = allowed;
        this.clock = clock;
        this.sink = sink;
        this.windowStart = clock.getAsLong();
    }

    /** An upgrade from a page at {@code origin} was refused; {@code address} is the client's. */
    void refused(String origin, String address) {
        String shown = printable(origin);
        String message;
        synchronized (this) {
            long now = clock.getAsLong();
            Long last = logged.get(shown);
            if (last != null && now - last < REPEAT_MILLIS) {
                return;
            }
            if (now - windowStart >= 60_000L) {
                windowStart = now;
                inWindow = 0;
            }
            if (inWindow >= BURST) {
                suppressed++;
                return;
            }
            inWindow++;
            logged.put(shown, now);
            message =
                    "refused a WebSocket from a web page at origin '"
                            + shown
                            + "' ("
                            + address
                            + "); allowed: "
                            + allowed
                            + ". To allow that page, add it to MONORAIL_ALLOWED_ORIGINS (e.g."
                            + " MONORAIL_ALLOWED_ORIGINS="
                            + shown
                            + "; comma-separated, or * for any). Logged once per origin"
                            + " every 10 minutes"
                            + (suppressed > 0
                                    ? "; " + suppressed + " other refusals were not logged"
                                    : "")
                            + ".";
            suppressed = 0;
        }
        sink.warn(message);
    }

    /** The origin as it may appear in a log line: no control characters, bounded. */
    static String printable(String origin) {
        StringBuilder text = new StringBuilder(Math.min(origin.length(), MAX_SHOWN_CHARS + 3));
        for (int i = 0; i < origin.length() && text.length() < MAX_SHOWN_CHARS; i++) {
            char c = origin.charAt(i);
            text.append(c < 0x20 || c == 0x7f || Character.isISOControl(c) ? '?' : c);
        }
        if (origin.length() > MAX_SHOWN_CHARS) {
            text.append("...");
        }
        return text.toString();
    }
}

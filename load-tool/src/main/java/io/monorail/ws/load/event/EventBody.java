package io.monorail.ws.load.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The JSON body the publisher sends and clients read back: {@code
 * {"loadPhase":p,"loadSeq":n,"sentMicros":t,"pad":"xx..."}}, padded to a fixed size. Clients find
 * the fields by scanning the text they receive (the body, possibly wrapped in a protocol frame), so
 * no JSON parser runs per delivery.
 */
public final class EventBody {
    private static final String PHASE = "\"loadPhase\":";
    private static final String SEQ = "\"loadSeq\":";
    private static final String SENT = "\"sentMicros\":";
    private static final String PAD = ",\"pad\":\"";
    private static final String END = "\"}";

    private EventBody() {}

    /**
     * Wall clock in microseconds since the epoch; publisher and clients share the machine clock.
     */
    public static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** The body for event {@code seq} of {@code phase}, {@code size} bytes long (or minimal). */
    public static byte[] encode(int phase, long seq, long sentMicros, int size) {
        StringBuilder out = new StringBuilder(Math.max(size, 80));
        out.append('{')
                .append(PHASE)
                .append(phase)
                .append(',')
                .append(SEQ)
                .append(seq)
                .append(',')
                .append(SENT)
                .append(sentMicros)
                .append(PAD);
        int pad = size - out.length() - END.length();
        for (int i = 0; i < pad; i++) {
            out.append('x');
        }
        return out.append(END).toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Fields of a body found in {@code text}, or null if the text holds no load event. */
    public static Fields find(String text) {
        int phaseAt = text.indexOf(PHASE);
        if (phaseAt < 0) {
            return null;
        }
        int seqAt = text.indexOf(SEQ, phaseAt);
        int sentAt = seqAt < 0 ? -1 : text.indexOf(SENT, seqAt);
        if (sentAt < 0) {
            return null;
        }
        return new Fields(
                (int) number(text, phaseAt + PHASE.length()),
                number(text, seqAt + SEQ.length()),
                number(text, sentAt + SENT.length()));
    }

    private static long number(String text, int at) {
        long value = 0;
        int i = at;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
            i++;
        }
        if (i == at) {
            throw new IllegalArgumentException("no number at " + at + " in " + text);
        }
        return value;
    }

    /** What a client reads from one delivery. */
    public record Fields(int phase, long seq, long sentMicros) {}
}

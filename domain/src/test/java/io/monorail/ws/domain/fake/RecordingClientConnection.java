package io.monorail.ws.domain.fake;

import io.monorail.ws.domain.port.ClientConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ClientConnection} that records what the gateway sends and whether it closed. Queued
 * frames count as sent once flushed, as on a real connection.
 */
public final class RecordingClientConnection implements ClientConnection {
    private final String remoteAddress;
    private final List<String> sent = new ArrayList<>();
    private final List<String> queued = new ArrayList<>();
    private int flushes;
    private int closeCode = -1;
    private String closeReason;

    public RecordingClientConnection() {
        this("127.0.0.1:50000");
    }

    public RecordingClientConnection(String remoteAddress) {
        this.remoteAddress = remoteAddress;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public synchronized void send(String text) {
        sent.addAll(queued);
        queued.clear();
        sent.add(text);
    }

    @Override
    public synchronized void queue(byte[] utf8Text) {
        queued.add(new String(utf8Text, StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void flush() {
        flushes++;
        sent.addAll(queued);
        queued.clear();
    }

    /** Frames queued and not flushed yet. */
    public synchronized List<String> unflushed() {
        return List.copyOf(queued);
    }

    /** How many times {@link #flush} was called. */
    public synchronized int flushes() {
        return flushes;
    }

    @Override
    public synchronized void close(int code, String reason) {
        closeCode = code;
        closeReason = reason;
    }

    /** Everything sent so far, in order. */
    public synchronized List<String> sent() {
        return List.copyOf(sent);
    }

    /** Returns and forgets everything sent so far. */
    public synchronized List<String> drain() {
        List<String> copy = List.copyOf(sent);
        sent.clear();
        return copy;
    }

    /** The close code, or -1 while open. */
    public synchronized int closeCode() {
        return closeCode;
    }

    public synchronized String closeReason() {
        return closeReason;
    }
}

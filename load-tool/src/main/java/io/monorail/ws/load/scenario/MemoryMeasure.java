package io.monorail.ws.load.scenario;

/**
 * Server memory before and after {@code connections} idle clients subscribed: heap after a full GC
 * for a JVM ({@code basis} "heap"), resident set size for Web-STOMP ({@code basis} "rss").
 */
public record MemoryMeasure(String basis, long beforeBytes, long afterBytes, int connections) {
    /** Bytes per connection. */
    public double perConnectionBytes() {
        return (afterBytes - beforeBytes) / (double) connections;
    }
}

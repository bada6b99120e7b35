package io.monorail.ws.load.server;

/** One stop-the-world pause from a JVM's GC log: when it ended (epoch ms) and how long it took. */
public record GcPause(long epochMillis, double millis, String description) {}

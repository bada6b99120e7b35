package io.monorail.ws.load.scenario;

import java.util.Map;

/**
 * Everything measured against one server in one repeat; absent measures are null. {@code
 * subscribeServerCpuSeconds} is what subscribing cost the server process alone. {@code
 * erlangMemory} is Web-STOMP's erlang:memory(total) beside its RSS. {@code error} says why a run
 * broke off.
 */
public record ServerRun(
        String server,
        int repeat,
        int clients,
        Double subscribeSeconds,
        Double subscribeServerCpuSeconds,
        MemoryMeasure memory,
        MemoryMeasure erlangMemory,
        PhaseMeasure flood,
        PhaseMeasure paced,
        long unexpectedCloses,
        Map<String, Long> closeReasons,
        Long serverRssBytes,
        String error) {}

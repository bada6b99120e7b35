package io.monorail.ws.load.scenario;

import io.monorail.ws.load.client.Phase;

/**
 * One measured phase (flood or paced) against one server: what was published, what clients got, CPU
 * the server process and RabbitMQ used in the window (first publish to last delivery), and the
 * server's GC pauses in that window.
 */
public record PhaseMeasure(
        String scenario,
        long published,
        double publishSeconds,
        boolean complete,
        Phase.Result delivery,
        double serverCpuMicros,
        double brokerCpuMicros,
        double serverCpuPerDeliveryMicros,
        double brokerCpuPerDeliveryMicros,
        double loadGeneratorCpuPerDeliveryMicros,
        double otherProcessesCores,
        Integer gcPauses,
        Double gcMaxPauseMillis) {}

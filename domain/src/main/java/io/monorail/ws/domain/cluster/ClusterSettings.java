package io.monorail.ws.domain.cluster;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether this gateway is one instance of a cluster sharing an event stream and session records
 * (ADR 13), and how.
 *
 * @param instance this instance's name, unique in the cluster (records name their holder by it)
 * @param checkpointInterval how often an attached session's checkpoint is written, at most
 */
public record ClusterSettings(boolean enabled, String instance, Duration checkpointInterval) {
    /** A gateway on its own: sessions resume on the same instance only. */
    public static final ClusterSettings SINGLE =
            new ClusterSettings(false, "local", Duration.ofSeconds(10));

    public ClusterSettings {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        if (instance.isBlank()) {
            throw new IllegalArgumentException("the instance name must not be blank");
        }
        if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw new IllegalArgumentException("the checkpoint interval must be positive");
        }
    }

    /** One instance of a cluster. */
    public static ClusterSettings streams(String instance, Duration checkpointInterval) {
        return new ClusterSettings(true, instance, checkpointInterval);
    }
}

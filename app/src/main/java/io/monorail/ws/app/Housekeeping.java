package io.monorail.ws.app;

import com.google.inject.Inject;
import com.google.inject.Provider;
import io.monorail.ws.domain.Gateway;
import io.monorail.ws.protocol.NamedThreads;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once a second: ends sessions whose grace period is over, and closes connections whose token
 * expired. In cluster mode also writes the checkpoints of attached sessions: a tenth of them every
 * tenth of the checkpoint interval.
 */
final class Housekeeping implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

    // Sessions are checkpointed in this many slices, one after the other, over each interval.
    private static final int SLICES = 10;

    private final Provider<Gateway> gateway;
    private ScheduledExecutorService scheduler;

    @Inject
    Housekeeping(Provider<Gateway> gateway) {
        this.gateway = gateway;
    }

    @Override
    public synchronized void start() {
        Gateway core = gateway.get();
        ScheduledExecutorService started =
                Executors.newSingleThreadScheduledExecutor(
                        NamedThreads.daemon("monorail-housekeeping"));
        started.scheduleWithFixedDelay(
                () -> {
                    try {
                        core.expireSessions();
                        core.closeExpired();
                    } catch (RuntimeException e) {
                        LOG.warn("expiring sessions failed", e);
                    }
                },
                1,
                1,
                TimeUnit.SECONDS);
        if (core.cluster().enabled()) {
            // A slice of the sessions at a time: each once an interval, the writes spread over it.
            long every = Math.max(1, core.cluster().checkpointInterval().toMillis() / SLICES);
            AtomicInteger round = new AtomicInteger();
            started.scheduleWithFixedDelay(
                    () -> {
                        try {
                            core.checkpointSessions(round.getAndIncrement() % SLICES, SLICES);
                        } catch (RuntimeException e) {
                            LOG.warn("writing session checkpoints failed", e);
                        }
                    },
                    every,
                    every,
                    TimeUnit.MILLISECONDS);
        }
        scheduler = started;
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}

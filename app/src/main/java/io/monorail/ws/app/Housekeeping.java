package io.monorail.ws.app;

import com.google.inject.Inject;
import com.google.inject.Provider;
import io.monorail.ws.domain.Gateway;
import io.monorail.ws.protocol.NamedThreads;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once a second: ends sessions whose grace period is over, and closes connections whose token
 * expired. In cluster mode also writes the checkpoints of attached sessions, every checkpoint
 * interval.
 */
final class Housekeeping implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

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
            long every = core.cluster().checkpointInterval().toMillis();
            started.scheduleWithFixedDelay(
                    () -> {
                        try {
                            core.checkpointSessions();
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

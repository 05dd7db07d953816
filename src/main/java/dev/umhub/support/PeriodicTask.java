package dev.umhub.support;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A piece of housekeeping that runs every so often while umhub runs, and whose failures are logged and retried
 * at the next turn rather than ending the schedule.
 */
public abstract class PeriodicTask implements SmartLifecycle {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final Housekeeping housekeeping;
    private final Duration period;
    private volatile ScheduledFuture<?> task;

    protected PeriodicTask(Housekeeping housekeeping, Duration period) {
        this.housekeeping = housekeeping;
        this.period = period;
    }

    /** One turn of the task. */
    protected abstract void runOnce();

    @Override
    public void start() {
        task = housekeeping.every(period, () -> {
            try {
                runOnce();
            } catch (RuntimeException e) {
                log.warn("{} failed, will try again in {}: {}", getClass().getSimpleName(), period, e.getMessage());
            }
        });
    }

    @Override
    public void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    @Override
    public boolean isRunning() {
        return task != null && !task.isCancelled();
    }
}

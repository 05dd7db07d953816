package dev.umhub.support;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import org.springframework.context.SmartLifecycle;

/**
 * A piece of housekeeping that runs every so often while umhub runs, and whose failures are logged and retried
 * at the next turn rather than ending the schedule.
 */
public abstract class PeriodicTask implements SmartLifecycle {

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
        task = housekeeping.every(getClass().getSimpleName(), period, this::runOnce);
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

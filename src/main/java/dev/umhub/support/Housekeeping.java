package dev.umhub.support;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The threads umhub's periodic work runs on (watching the rules and routes folders, the retention purge). umhub's
 * own, not a {@code TaskScheduler} bean: embedded, it must neither take over the host's scheduler nor need one.
 */
public class Housekeeping implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

    public Housekeeping() {
        scheduler.setPoolSize(2);
        scheduler.setThreadNamePrefix("umhub-housekeeping-");
        scheduler.setDaemon(true);
        scheduler.initialize();
    }

    /** Runs the task every period; a failure is logged under its name and the task runs again at its next turn. */
    public ScheduledFuture<?> every(String name, Duration period, Runnable task) {
        return scheduler.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("{} failed, will run again in {}: {}", name, period, e.getMessage());
            }
        }, period);
    }

    @Override
    public void destroy() {
        scheduler.shutdown();
    }
}

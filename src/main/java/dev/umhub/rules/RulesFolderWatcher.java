package dev.umhub.rules;

import dev.umhub.autoconfigure.UmhubProperties;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Looks at the rules folder every {@code umhub.rules.poll-interval} and reloads it when a file changed. Polling a
 * content fingerprint rather than relying on file-system events works the same on every OS and on network mounts.
 */
@Component
public class RulesFolderWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RulesFolderWatcher.class);

    private final RuleEngine engine;
    private final TaskScheduler scheduler;
    private final UmhubProperties properties;
    private volatile ScheduledFuture<?> task;

    public RulesFolderWatcher(RuleEngine engine, TaskScheduler scheduler, UmhubProperties properties) {
        this.engine = engine;
        this.scheduler = scheduler;
        this.properties = properties;
    }

    @Override
    public void start() {
        task = scheduler.scheduleWithFixedDelay(this::check, properties.getRules().getPollInterval());
    }

    private void check() {
        try {
            engine.reloadIfChanged();
        } catch (RuntimeException e) {
            log.error("Could not check the rules folder: {}", e.getMessage());
        }
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

package dev.umhub.rules;

import dev.umhub.support.Housekeeping;
import dev.umhub.support.PeriodicTask;
import org.springframework.stereotype.Component;

/**
 * Looks at the rules folder every {@code umhub.rules.poll-interval} and reloads it when a file changed. Polling a
 * content fingerprint rather than relying on file-system events works the same on every OS and on network mounts.
 */
@Component
public class RulesFolderWatcher extends PeriodicTask {

    private final RuleEngine engine;

    public RulesFolderWatcher(RuleEngine engine, Housekeeping housekeeping, RulesProperties properties) {
        super(housekeeping, properties.getPollInterval());
        this.engine = engine;
    }

    @Override
    protected void runOnce() {
        if (engine.reloadIfChanged()) {
            engine.warnOfUnknownDestinations();
        }
    }
}

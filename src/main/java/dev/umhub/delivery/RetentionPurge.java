package dev.umhub.delivery;

import dev.umhub.store.Retention;
import dev.umhub.support.Housekeeping;
import dev.umhub.support.PeriodicTask;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Runs the retention purge every {@code umhub.retention.interval}. */
@Component
public class RetentionPurge extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);

    private final Retention retention;
    private final RetentionProperties settings;
    private final Clock clock;

    public RetentionPurge(Retention retention, RetentionProperties properties, Housekeeping housekeeping, Clock clock) {
        super(housekeeping, properties.getInterval());
        this.retention = retention;
        this.settings = properties;
        this.clock = clock;
    }

    @Override
    protected void runOnce() {
        purge();
    }

    /** One purge; answers how many events and quarantined bodies went. */
    public int[] purge() {
        Instant now = clock.instant();
        int settled = retention.purgeSettledEvents(now.minus(settings.getDelivered()));
        int dead = retention.purgeDeadLetterEvents(now.minus(settings.getDeadLetters()));
        int quarantined = retention.purgeQuarantine(now.minus(settings.getQuarantine()));
        int messages = retention.purgeProcessedIntake(now.minus(settings.getDelivered()));
        if (settled + dead + quarantined + messages > 0) {
            log.info("Retention purge: {} delivered events, {} events with dead letters, {} quarantined bodies, {}"
                    + " processed intake messages", settled, dead, quarantined, messages);
        }
        return new int[] {settled + dead, quarantined};
    }
}

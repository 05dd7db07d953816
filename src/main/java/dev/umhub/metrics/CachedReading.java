package dev.umhub.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value read from the store at most once per period, however often it is asked for: gauges are read at every
 * scrape, by every scraper, one gauge per destination, and a query each time would put the metrics among the store's
 * busiest clients. A read that fails is not tried again before the period is over either (the store is down: asking
 * at every gauge would not help); until then there is no value, which the gauges show as NaN.
 */
final class CachedReading<T> {

    private static final Logger log = LoggerFactory.getLogger(CachedReading.class);

    private final String what;
    private final Supplier<T> read;
    private final Duration period;
    private final Clock clock;
    private Instant readAt;
    private T value;

    /** @param what what is read, for the log line of a failed read */
    CachedReading(String what, Supplier<T> read, Duration period, Clock clock) {
        this.what = what;
        this.read = read;
        this.period = period;
        this.clock = clock;
    }

    /** The value read within the period, or read now; null when the last read failed. */
    synchronized T get() {
        Instant now = clock.instant();
        if (readAt == null || !now.isBefore(readAt.plus(period))) {
            readAt = now;
            try {
                value = read.get();
            } catch (RuntimeException e) {
                value = null;
                // DEBUG: a store that is down is reported by the health endpoint and the lanes, not once per scrape
                log.debug("Could not read {} for the metrics: {}", what, e.toString());
            }
        }
        return value;
    }
}

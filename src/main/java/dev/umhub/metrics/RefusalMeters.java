package dev.umhub.metrics;

import dev.umhub.ingest.Refusals;
import io.micrometer.core.instrument.MeterRegistry;

/** Messages refused at the door, counted by their problem's title. */
final class RefusalMeters implements Refusals {

    static final String REFUSED = "umhub.events.refused";
    /** Titles are umhub's own texts; "Invalid &lt;field&gt;" has one per checked field. */
    private static final int MAX_REASONS = 100;

    private final TaggedCounters refused;

    RefusalMeters(MeterRegistry registry) {
        this.refused = new TaggedCounters(registry, REFUSED, "Messages refused at the door, by the problem's title",
                "reason", MAX_REASONS);
    }

    @Override
    public void refused(String reason) {
        refused.increment(reason);
    }
}

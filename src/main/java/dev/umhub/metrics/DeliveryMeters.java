package dev.umhub.metrics;

import dev.umhub.delivery.AttemptOutcomes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delivery attempts as meters: each delivery's recorded outcome by destination, and how long each request to a
 * destination took. The attempt timer publishes a histogram only where configured
 * ({@code management.metrics.distribution.percentiles-histogram.umhub.delivery.attempt}, on in the server), so an
 * application embedding umhub decides what its registry holds.
 */
final class DeliveryMeters implements AttemptOutcomes {

    static final String DELIVERIES = "umhub.deliveries";
    static final String ATTEMPT = "umhub.delivery.attempt";
    /** Destinations are configured or route files: the bound is never reached. */
    private static final int MAX_DESTINATIONS = 200;
    /** delivered, retry, exhausted, permanent: room for a few more. */
    private static final int MAX_OUTCOMES = 10;

    private final MeterRegistry registry;
    private final TaggedCounters deliveries;
    private final Map<String, Timer> attempts = new ConcurrentHashMap<>();

    DeliveryMeters(MeterRegistry registry) {
        this.registry = registry;
        this.deliveries = new TaggedCounters(registry, DELIVERIES,
                "Delivery attempts recorded, by outcome: delivered, retry, or dead letters (exhausted, permanent)",
                "destination", MAX_DESTINATIONS, "outcome", MAX_OUTCOMES);
    }

    @Override
    public void called(String destination, Duration took) {
        Timer timer = attempts.get(destination);
        if (timer == null) {
            timer = attempts.computeIfAbsent(destination, d -> Timer.builder(ATTEMPT)
                    .description("Requests to a destination, from sending to its answer (a batch is one request)")
                    .tag("destination", d).register(registry));
        }
        timer.record(took);
    }

    @Override
    public void recorded(String destination, String outcome) {
        deliveries.increment(destination, outcome);
    }
}

package dev.umhub.metrics;

import dev.umhub.delivery.DeliveryLanes;
import dev.umhub.rules.KnownDestinations;
import dev.umhub.store.DeliveryStore;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationListener;

/**
 * Each destination's outbox and lane as gauges: its backlog (pending rows), how long its oldest due row has been
 * waiting, and its circuit breaker's state. The outbox is read in one statement for all destinations at most once
 * per {@link #STORE_READ_PERIOD}, whatever the number of gauges and scrapers. Gauges follow the destinations: added
 * when a destination's route appears, removed when it goes.
 */
final class DeliveryGauges implements SmartInitializingSingleton, ApplicationListener<KnownDestinations.Changed> {

    static final String BACKLOG = "umhub.delivery.backlog";
    static final String OLDEST_DUE_AGE = "umhub.delivery.oldest.due.age";
    static final String BREAKER_STATE = "umhub.delivery.breaker.state";
    /** How stale a backlog gauge may be: a dashboard refreshes every 10 s or more. */
    static final Duration STORE_READ_PERIOD = Duration.ofSeconds(5);

    private final MeterRegistry registry;
    private final KnownDestinations destinations;
    private final DeliveryLanes lanes;
    private final Clock clock;
    private final CachedReading<Map<String, DeliveryStore.Backlog>> backlogs;
    private final Map<String, List<Meter>> gauges = new HashMap<>();

    DeliveryGauges(MeterRegistry registry, KnownDestinations destinations, DeliveryLanes lanes, DeliveryStore store,
                   Clock clock) {
        this.registry = registry;
        this.destinations = destinations;
        this.lanes = lanes;
        this.clock = clock;
        this.backlogs = new CachedReading<>("the outbox's backlog", () -> store.backlogs().stream()
                .collect(Collectors.toMap(DeliveryStore.Backlog::destination, Function.identity())), STORE_READ_PERIOD,
                clock);
    }

    @Override
    public void afterSingletonsInstantiated() {
        follow();
    }

    @Override
    public void onApplicationEvent(KnownDestinations.Changed event) {
        follow();
    }

    /** Registers the gauges of destinations that appeared and removes those of destinations that went. */
    synchronized void follow() {
        Set<String> now = destinations.names();
        gauges.entrySet().removeIf(destination -> {
            if (now.contains(destination.getKey())) {
                return false;
            }
            destination.getValue().forEach(registry::remove);
            return true;
        });
        for (String name : now) {
            gauges.computeIfAbsent(name, this::register);
        }
    }

    private List<Meter> register(String destination) {
        return List.of(
                Gauge.builder(BACKLOG, this, g -> g.pending(destination))
                        .description("Deliveries not yet delivered or dead: due, in flight, or waiting for a retry")
                        .tag("destination", destination).register(registry),
                Gauge.builder(OLDEST_DUE_AGE, this, g -> g.oldestDueAgeSeconds(destination))
                        .description("How long the destination's longest-waiting due delivery has been due; 0 when"
                                + " none is due")
                        .baseUnit("seconds").tag("destination", destination).register(registry),
                Gauge.builder(BREAKER_STATE, this, g -> g.breakerState(destination))
                        .description("The destination's circuit breaker: 0 closed, 1 half-open, 2 open")
                        .tag("destination", destination).register(registry));
    }

    private double pending(String destination) {
        Map<String, DeliveryStore.Backlog> all = backlogs.get();
        if (all == null) {
            return Double.NaN;
        }
        DeliveryStore.Backlog b = all.get(destination);
        return b == null ? 0 : b.pending();
    }

    private double oldestDueAgeSeconds(String destination) {
        Map<String, DeliveryStore.Backlog> all = backlogs.get();
        if (all == null) {
            return Double.NaN;
        }
        DeliveryStore.Backlog b = all.get(destination);
        if (b == null || b.earliestDue() == null) {
            return 0;
        }
        Instant now = clock.instant();
        // a backlog only waiting for retries is not late: its earliest due time is still to come
        return b.earliestDue().isAfter(now) ? 0 : Duration.between(b.earliestDue(), now).toMillis() / 1000.0;
    }

    private double breakerState(String destination) {
        return lanes.breakerState(destination).map(DeliveryGauges::breakerValue).orElse(Double.NaN);
    }

    /** Closed 0, half-open 1, open 2: the higher, the worse, so a panel or an alert can compare. */
    static double breakerValue(CircuitBreaker.State state) {
        return switch (state) {
            case HALF_OPEN -> 1;
            case OPEN, FORCED_OPEN -> 2;
            default -> 0; // CLOSED, and DISABLED or METRICS_ONLY, which umhub never sets: every call allowed
        };
    }
}

package dev.umhub.metrics;

import dev.umhub.ultimatemultisite.reconcile.Reconciler;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How far the REST reconciliation is behind: the seconds since its last successful poll, by any instance sharing the
 * store (read from the store, at most once per {@link DeliveryGauges#STORE_READ_PERIOD}). It grows while the platform
 * is down or refuses the keys, which webhooks alone would never show. Only where the reconciliation is configured;
 * NaN until its first poll succeeded.
 */
final class ReconciliationGauge {

    static final String LAG = "umhub.reconciliation.lag";

    private final Clock clock;
    private final CachedReading<Optional<Instant>> lastSuccess;

    ReconciliationGauge(MeterRegistry registry, Reconciler reconciler, Clock clock) {
        this.clock = clock;
        this.lastSuccess = new CachedReading<>("the reconciliation's last success", reconciler::lastSuccessAt,
                DeliveryGauges.STORE_READ_PERIOD, clock);
        if (reconciler.isConfigured()) {
            Gauge.builder(LAG, this, ReconciliationGauge::lagSeconds)
                    .description("Seconds since the REST reconciliation last polled successfully")
                    .baseUnit("seconds").tag("source", reconciler.source()).register(registry);
        }
    }

    double lagSeconds() {
        Optional<Instant> at = lastSuccess.get();
        if (at == null || at.isEmpty()) {
            return Double.NaN;
        }
        return Math.max(0, Duration.between(at.get(), clock.instant()).toMillis() / 1000.0);
    }
}

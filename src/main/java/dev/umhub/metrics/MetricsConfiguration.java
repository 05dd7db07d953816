package dev.umhub.metrics;

import dev.umhub.delivery.AttemptOutcomes;
import dev.umhub.delivery.DeliveryLanes;
import dev.umhub.ingest.Refusals;
import dev.umhub.pipeline.EventOutcomes;
import dev.umhub.rules.KnownDestinations;
import dev.umhub.store.DeliveryStore;
import dev.umhub.support.Housekeeping;
import dev.umhub.ultimatemultisite.reconcile.Reconciler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * umhub's meters (all named {@code umhub.*}), in the application's Micrometer registry when it has one: the standalone
 * server exposes them at {@code /actuator/prometheus}. Without a registry (an application that turned Spring Boot's
 * metrics off) umhub counts nothing and costs nothing: the pipeline, the lanes and the door are given listeners that
 * do nothing. The registry is looked up when these beans are made, not by a condition, so the order in which the
 * application's auto-configurations run does not matter.
 */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

    @Bean
    EventOutcomes umhubEventMeters(ObjectProvider<MeterRegistry> registries) {
        MeterRegistry registry = registries.getIfUnique();
        return registry == null ? EventOutcomes.NONE : new EventMeters(registry);
    }

    @Bean
    AttemptOutcomes umhubDeliveryMeters(ObjectProvider<MeterRegistry> registries) {
        MeterRegistry registry = registries.getIfUnique();
        return registry == null ? AttemptOutcomes.NONE : new DeliveryMeters(registry);
    }

    @Bean
    Refusals umhubRefusalMeters(ObjectProvider<MeterRegistry> registries) {
        MeterRegistry registry = registries.getIfUnique();
        return registry == null ? Refusals.NONE : new RefusalMeters(registry);
    }

    @Bean
    DeliveryGauges umhubDeliveryGauges(ObjectProvider<MeterRegistry> registries, KnownDestinations destinations,
                                       DeliveryLanes lanes, DeliveryStore store, Clock clock) {
        return new DeliveryGauges(registryOrNone(registries), destinations, lanes, store, clock);
    }

    @Bean
    ReconciliationGauge umhubReconciliationGauge(ObjectProvider<MeterRegistry> registries, Reconciler reconciler,
                                                 Clock clock) {
        return new ReconciliationGauge(registryOrNone(registries), reconciler, clock);
    }

    /** The console's per-minute charts, sampled from the delivery counters. */
    @Bean
    DeliveryMinutes umhubDeliveryMinutes(ObjectProvider<MeterRegistry> registries, Clock clock, Housekeeping housekeeping) {
        MeterRegistry registry = registries.getIfUnique();
        // without a registry there is nothing to sample, and the charts say so
        return registry == null ? DeliveryMinutes.none(clock) : new DeliveryMinutes(registry, clock, housekeeping);
    }

    /**
     * The application's registry, or an empty composite: Micrometer's own no-op, whose gauges are never read, so the
     * store is never asked for them.
     */
    private static MeterRegistry registryOrNone(ObjectProvider<MeterRegistry> registries) {
        return registries.getIfUnique(CompositeMeterRegistry::new);
    }
}

package dev.umhub.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.umhub.event.PlatformEvent;
import dev.umhub.rules.Decision;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EventMeters meters = new EventMeters(registry);

    @Test
    void anAcceptedEventCountsBySourceAndTypeAndEachRuleThatFired() {
        Decision decision = new Decision("v1", List.of("CRM", "GA4 purchase"), List.of());
        meters.accepted(event("ultimate-multisite", "payment.received"), decision);
        meters.accepted(event("ultimate-multisite", "payment.received"), decision);
        meters.accepted(event("envelope", "membership.cancelled"), new Decision("v1", List.of(), List.of()));

        assertThat(count(EventMeters.ACCEPTED, "source", "ultimate-multisite", "type", "payment.received")).isEqualTo(2);
        assertThat(count(EventMeters.ACCEPTED, "source", "envelope", "type", "membership.cancelled")).isEqualTo(1);
        assertThat(count(EventMeters.DECISIONS, "rule", "CRM", "outcome", "fired")).isEqualTo(2);
        assertThat(count(EventMeters.DECISIONS, "rule", "GA4 purchase", "outcome", "fired")).isEqualTo(2);
    }

    @Test
    void aFailedDecisionCountsItsRuleAsFailedAndARuleDroolsDidNotNameAsUnknown() {
        meters.accepted(event("ultimate-multisite", "payment.received"), failed("Broken rule"));
        meters.accepted(event("ultimate-multisite", "payment.received"), failed(null));

        assertThat(count(EventMeters.DECISIONS, "rule", "Broken rule", "outcome", "failed")).isEqualTo(1);
        assertThat(count(EventMeters.DECISIONS, "rule", TaggedCounters.UNKNOWN, "outcome", "failed")).isEqualTo(1);
    }

    @Test
    void duplicatesCountBySource() {
        meters.duplicate(event("ultimate-multisite", "payment.received"));
        assertThat(count(EventMeters.DUPLICATES, "source", "ultimate-multisite")).isEqualTo(1);
    }

    @Test
    void sourcesPastTheBoundAreCountedAsOtherSoASenderCannotGrowTheScrape() {
        for (int i = 0; i < 50; i++) {
            meters.accepted(event("https://sender-" + i + ".example", "payment.received"),
                    new Decision("v1", List.of(), List.of()));
        }
        long sources = registry.find(EventMeters.ACCEPTED).counters().stream()
                .map(c -> c.getId().getTag("source")).distinct().count();
        assertThat(sources).isEqualTo(21); // 20 sources, then "other"
        assertThat(count(EventMeters.ACCEPTED, "source", TaggedCounters.OTHER, "type", "payment.received"))
                .isEqualTo(30);
    }

    private static Decision failed(String rule) {
        return new Decision("v1", List.of(), List.of(), List.of(), List.of(),
                new Decision.Failure(rule, "java.lang.ArithmeticException: / by zero"));
    }

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    private static PlatformEvent event(String source, String type) {
        return new PlatformEvent("e-" + System.nanoTime(), source, type, Instant.EPOCH, null, "slug", false, null);
    }
}

package dev.umhub.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.umhub.connector.DeliveryResult;
import dev.umhub.connector.hubspot.HubSpotProperties;
import dev.umhub.support.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LaneGuardsTest {

    private final ManualClock clock = new ManualClock("2026-11-28T10:00:00Z");

    private static HubSpotProperties properties(int rate, int failures, Duration openFor) {
        HubSpotProperties p = new HubSpotProperties();
        p.setRateLimitRequests(rate);
        p.setRateLimitPeriod(Duration.ofHours(1));
        p.setCircuitBreakerFailures(failures);
        p.setCircuitBreakerOpenFor(openFor);
        return p;
    }

    private static final DeliveryResult FAILED = new DeliveryResult.RetryLater("HTTP 503", null);
    private static final DeliveryResult OK = new DeliveryResult.Delivered("ok", null);

    @Test
    void theBreakerOpensAfterConsecutiveTransientFailuresAndProbesLater() throws InterruptedException {
        LaneGuards guards = new LaneGuards("x", properties(0, 3, Duration.ofMillis(200)), clock);
        for (int i = 0; i < 2; i++) {
            assertThat(guards.tryStart()).isTrue();
            guards.completed(FAILED, 503, Duration.ofMillis(5));
        }
        assertThat(guards.tryStart()).isTrue();
        guards.completed(OK, 200, Duration.ofMillis(5)); // a success breaks the run
        for (int i = 0; i < 3; i++) {
            assertThat(guards.tryStart()).isTrue();
            guards.completed(FAILED, 503, Duration.ofMillis(5));
        }
        assertThat(guards.status().get("circuitBreaker")).isEqualTo("OPEN");
        assertThat(guards.tryStart()).isFalse();
        Thread.sleep(300);
        assertThat(guards.tryStart()).as("one half-open probe").isTrue();
        assertThat(guards.tryStart()).as("only one").isFalse();
        guards.completed(OK, 200, Duration.ofMillis(5));
        assertThat(guards.status().get("circuitBreaker")).isEqualTo("CLOSED");
    }

    @Test
    void refusedContentDoesNotOpenTheBreaker() {
        LaneGuards guards = new LaneGuards("x", properties(0, 2, Duration.ofMinutes(1)), clock);
        for (int i = 0; i < 5; i++) {
            assertThat(guards.tryStart()).isTrue();
            guards.completed(new DeliveryResult.Permanent("HTTP 400"), 400, Duration.ofMillis(5));
        }
        assertThat(guards.status().get("circuitBreaker")).isEqualTo("CLOSED");
    }

    @Test
    void a429PausesTheLaneForItsRetryAfter() {
        LaneGuards guards = new LaneGuards("x", properties(0, 5, Duration.ofMinutes(1)), clock);
        assertThat(guards.tryStart()).isTrue();
        guards.completed(new DeliveryResult.RetryLater("HTTP 429", Duration.ofSeconds(30)), 429, Duration.ofMillis(5));
        assertThat(guards.tryStart()).isFalse();
        clock.advanceSeconds(29);
        assertThat(guards.tryStart()).isFalse();
        clock.advanceSeconds(2);
        assertThat(guards.tryStart()).isTrue();
        assertThat(guards.status().get("circuitBreaker")).as("a pause is not a failure").isEqualTo("CLOSED");
    }

    @Test
    void theRateLimitCapsCallsPerPeriod() {
        LaneGuards guards = new LaneGuards("x", properties(3, 5, Duration.ofMinutes(1)), clock);
        int started = 0;
        for (int i = 0; i < 10; i++) {
            if (guards.tryStart()) {
                started++;
                guards.completed(OK, 200, Duration.ofMillis(1));
            }
        }
        assertThat(started).isEqualTo(3);
    }
}

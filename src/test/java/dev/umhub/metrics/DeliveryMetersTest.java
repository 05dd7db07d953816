package dev.umhub.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeliveryMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DeliveryMeters meters = new DeliveryMeters(registry);

    @Test
    void outcomesCountByDestinationAndOutcomeAndCallsAreTimedByDestination() {
        meters.recorded("ga4", "retry");
        meters.recorded("ga4", "delivered");
        meters.recorded("hubspot", "permanent");
        meters.recorded("ga4", "delivered");
        meters.called("ga4", Duration.ofMillis(120));
        meters.called("ga4", Duration.ofMillis(80));

        assertThat(registry.get(DeliveryMeters.DELIVERIES).tags("destination", "ga4", "outcome", "delivered").counter()
                .count()).isEqualTo(2);
        assertThat(registry.get(DeliveryMeters.DELIVERIES).tags("destination", "hubspot", "outcome", "permanent")
                .counter().count()).isEqualTo(1);
        Timer ga4 = registry.get(DeliveryMeters.ATTEMPT).tags("destination", "ga4").timer();
        assertThat(ga4.count()).isEqualTo(2);
        assertThat(ga4.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(200);
    }

    @Test
    void theBreakerGaugeRisesWithHowFewCallsItLetsThrough() {
        assertThat(DeliveryGauges.breakerValue(CircuitBreaker.State.CLOSED)).isZero();
        assertThat(DeliveryGauges.breakerValue(CircuitBreaker.State.HALF_OPEN)).isEqualTo(1);
        assertThat(DeliveryGauges.breakerValue(CircuitBreaker.State.OPEN)).isEqualTo(2);
        assertThat(DeliveryGauges.breakerValue(CircuitBreaker.State.FORCED_OPEN)).isEqualTo(2);
    }
}

package dev.umhub.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.umhub.support.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console's per-minute chart data: counter growth put in the minute it was seen, an hour kept, gaps as zeros. */
class DeliveryMinutesTest {

    private final ManualClock clock = new ManualClock("2026-12-07T10:00:10Z");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DeliveryMinutes minutes = new DeliveryMinutes(registry, clock);
    private final DeliveryMeters meters = new DeliveryMeters(registry);

    @Test
    void growthGoesToTheMinuteItWasSeenInAndAnHourIsKept() {
        meters.recorded("hubspot", "delivered");
        meters.recorded("hubspot", "retry");
        minutes.sample();
        meters.recorded("hubspot", "delivered");
        meters.recorded("hubspot", "permanent");
        meters.recorded("ga4", "delivered");
        clock.advanceSeconds(30);
        minutes.sample();
        clock.advanceSeconds(60); // 10:01:40
        meters.recorded("hubspot", "delivered");
        minutes.sample();

        List<DeliveryMinutes.Minute> hubspot = minutes.lastHour("hubspot");
        assertThat(hubspot).hasSize(60);
        assertThat(hubspot.get(59)).isEqualTo(new DeliveryMinutes.Minute(Instant.parse("2026-12-07T10:01:00Z"), 1, 0));
        assertThat(hubspot.get(58)).isEqualTo(new DeliveryMinutes.Minute(Instant.parse("2026-12-07T10:00:00Z"), 2, 2));
        assertThat(hubspot.get(0).minute()).isEqualTo(Instant.parse("2026-12-07T09:02:00Z"));
        assertThat(hubspot.subList(0, 58)).allMatch(m -> m.delivered() == 0 && m.failed() == 0);
        assertThat(minutes.lastHour("ga4").get(58).delivered()).isEqualTo(1);

        clock.advanceSeconds(3600);
        assertThat(minutes.lastHour("hubspot")).allMatch(m -> m.delivered() == 0 && m.failed() == 0);
        assertThat(minutes.lastHour("nowhere")).hasSize(60);
    }
}

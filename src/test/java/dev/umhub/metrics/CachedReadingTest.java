package dev.umhub.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.umhub.support.ManualClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachedReadingTest {

    private final ManualClock clock = new ManualClock("2026-01-01T00:00:00Z");

    @Test
    void readsAtMostOncePerPeriodHoweverOftenAsked() {
        AtomicInteger reads = new AtomicInteger();
        CachedReading<Integer> reading = new CachedReading<>("a count", reads::incrementAndGet, Duration.ofSeconds(5),
                clock);
        assertThat(reading.get()).isEqualTo(1);
        clock.advanceSeconds(4);
        assertThat(reading.get()).isEqualTo(1);
        assertThat(reading.get()).isEqualTo(1);
        clock.advanceSeconds(1);
        assertThat(reading.get()).isEqualTo(2);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aFailedReadGivesNoValueAndIsNotRetriedBeforeThePeriodIsOver() {
        AtomicInteger reads = new AtomicInteger();
        CachedReading<Integer> reading = new CachedReading<>("a count", () -> {
            if (reads.incrementAndGet() == 1) {
                throw new IllegalStateException("store down");
            }
            return 7;
        }, Duration.ofSeconds(5), clock);
        assertThat(reading.get()).isNull();
        assertThat(reading.get()).isNull();
        assertThat(reads).hasValue(1);
        clock.advanceSeconds(5);
        assertThat(reading.get()).isEqualTo(7);
    }
}

package dev.umhub.ultimatemultisite.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconcilerTest {

    @Test
    void theBackOffDoublesFromThePollIntervalUpToItsLimit() {
        Duration minute = Duration.ofMinutes(1);
        Duration max = Duration.ofMinutes(15);
        assertThat(Reconciler.backoff(minute, max, 1)).isEqualTo(minute);
        assertThat(Reconciler.backoff(minute, max, 2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(Reconciler.backoff(minute, max, 3)).isEqualTo(Duration.ofMinutes(4));
        assertThat(Reconciler.backoff(minute, max, 5)).isEqualTo(max);
        assertThat(Reconciler.backoff(minute, max, 1000)).isEqualTo(max);
    }
}

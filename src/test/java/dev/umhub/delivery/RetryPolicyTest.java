package dev.umhub.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(
            List.of(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(5)), 0.2);

    @RepeatedTest(20)
    void waitsGrowAndStayWithinTheJitter() {
        Random random = new Random();
        assertThat(policy.nextDelay(1, null, random).orElseThrow()).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(12));
        assertThat(policy.nextDelay(2, null, random).orElseThrow()).isBetween(Duration.ofSeconds(48), Duration.ofSeconds(72));
        assertThat(policy.nextDelay(3, null, random).orElseThrow()).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(6));
    }

    @Test
    void attemptsEndAfterTheLastWait() {
        assertThat(policy.maxAttempts()).isEqualTo(4);
        assertThat(policy.nextDelay(4, null, new Random())).isEmpty();
    }

    @Test
    void retryAfterIsNeverCutShortButCapped() {
        assertThat(policy.nextDelay(1, Duration.ofMinutes(3), new Random()).orElseThrow()).isEqualTo(Duration.ofMinutes(3));
        assertThat(policy.nextDelay(1, Duration.ofSeconds(1), new Random()).orElseThrow())
                .isGreaterThanOrEqualTo(Duration.ofSeconds(8));
        assertThat(policy.nextDelay(1, Duration.ofDays(30), new Random()).orElseThrow()).isEqualTo(Duration.ofHours(24));
    }
}

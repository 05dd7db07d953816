package dev.umhub.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try again: the destination's backoff list, spread by jitter so a recovering provider is not hit by a
 * thundering herd, and never earlier than the provider's own Retry-After.
 *
 * @param backoff waits after the 1st, 2nd, ... failed attempt; its size + 1 is the number of attempts
 * @param jitter  fraction of each wait to spread randomly in both directions
 */
public record RetryPolicy(List<Duration> backoff, double jitter) {

    /** Longest Retry-After umhub honours; a larger one is taken as this, so a bad header cannot park a row for years. */
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);

    public int maxAttempts() {
        return backoff.size() + 1;
    }

    /**
     * @param failedAttempt the 1-based number of the attempt that just failed
     * @param retryAfter    the provider's wait, or null
     * @return the wait before the next attempt, or empty when the attempts are used up
     */
    public Optional<Duration> nextDelay(int failedAttempt, Duration retryAfter, RandomGenerator random) {
        if (failedAttempt >= maxAttempts()) {
            return Optional.empty();
        }
        Duration base = backoff.get(failedAttempt - 1);
        long spread = (long) (base.toMillis() * jitter);
        long millis = base.toMillis() + (spread > 0 ? random.nextLong(-spread, spread + 1) : 0);
        Duration delay = Duration.ofMillis(Math.max(0, millis));
        if (retryAfter != null) {
            Duration honoured = retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
            delay = honoured.compareTo(delay) > 0 ? honoured : delay;
        }
        return Optional.of(delay);
    }
}

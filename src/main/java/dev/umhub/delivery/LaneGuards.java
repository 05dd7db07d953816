package dev.umhub.delivery;

import dev.umhub.connector.DeliveryResult;
import dev.umhub.connector.DestinationProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What decides whether a lane may start another call now: a 429 pause, the circuit breaker and the rate limiter.
 * All checks are non-blocking: when one says no, the lane simply does not claim work, so no thread waits and no
 * attempt is spent while a provider is down or asks for a pause.
 */
final class LaneGuards {

    private final Clock clock;
    private final CircuitBreaker breaker;
    private final RateLimiter limiter;
    private final Duration defaultPause;
    private volatile Instant pausedUntil = Instant.EPOCH;

    LaneGuards(String destination, DestinationProperties p, Clock clock) {
        this.clock = clock;
        int failures = Math.max(1, p.getCircuitBreakerFailures());
        // a count window as large as the threshold with a 100 % failure rate opens after N consecutive failures
        this.breaker = CircuitBreaker.of(destination, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(failures).minimumNumberOfCalls(failures).failureRateThreshold(100)
                .waitDurationInOpenState(p.getCircuitBreakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
        this.limiter = p.getRateLimitRequests() <= 0 ? null : RateLimiter.of(destination, RateLimiterConfig.custom()
                .limitForPeriod(p.getRateLimitRequests()).limitRefreshPeriod(p.getRateLimitPeriod())
                .timeoutDuration(Duration.ZERO).build());
        this.defaultPause = p.getRetryBackoff().isEmpty() ? Duration.ofSeconds(10) : p.getRetryBackoff().get(0);
    }

    /**
     * Whether a call could start now (not paused, breaker not open), without taking a permit: lets the lane skip
     * reading the outbox while nothing may be sent. Asking the breaker is what moves it from open to half-open.
     */
    boolean mayStart() {
        if (clock.instant().isBefore(pausedUntil) || !breaker.tryAcquirePermission()) {
            return false;
        }
        breaker.releasePermission();
        return true;
    }

    /** How many calls the rate limit lets start now (unbounded without one): what a poll should claim at most. */
    int callsAllowedNow() {
        return limiter == null ? Integer.MAX_VALUE : Math.max(0, limiter.getMetrics().getAvailablePermissions());
    }

    /** True when a call may start now; the caller must then report it with {@link #completed}. */
    boolean tryStart() {
        if (clock.instant().isBefore(pausedUntil) || !breaker.tryAcquirePermission()) {
            return false;
        }
        if (limiter != null && !limiter.acquirePermission()) {
            breaker.releasePermission();
            return false;
        }
        return true;
    }

    /** Feeds one finished call back: a 429 pauses the lane, transient failures count toward opening the breaker. */
    void completed(DeliveryResult result, Integer httpStatus, Duration took) {
        long nanos = took.toNanos();
        if (result instanceof DeliveryResult.RetryLater retry && Integer.valueOf(429).equals(httpStatus)) {
            Duration pause = retry.retryAfter() != null ? retry.retryAfter() : defaultPause;
            pausedUntil = clock.instant().plus(pause);
            breaker.releasePermission(); // the provider answered: a pause, not a failure
        } else if (result instanceof DeliveryResult.RetryLater retry) {
            breaker.onError(nanos, TimeUnit.NANOSECONDS, new TransientFailure(retry.summary()));
        } else {
            // delivered, or refused for good: either way the provider is up and answering
            breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** A call that ended without a result (an unexpected exception): it must not hold a breaker permission. */
    void abandoned() {
        breaker.releasePermission();
    }

    CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    Map<String, Object> status() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("circuitBreaker", breaker.getState().name());
        s.put("consecutiveFailures", breaker.getMetrics().getNumberOfFailedCalls());
        Instant paused = pausedUntil;
        s.put("pausedUntil", clock.instant().isBefore(paused) ? paused : null);
        s.put("rateLimit", limiter == null ? null : limiter.getRateLimiterConfig().getLimitForPeriod() + " per "
                + limiter.getRateLimiterConfig().getLimitRefreshPeriod());
        return s;
    }

    /** Marks a transient failure for the breaker's metrics. */
    private static final class TransientFailure extends RuntimeException {
        TransientFailure(String message) {
            super(message, null, false, false);
        }
    }
}

package dev.umhub.store;

import java.time.Instant;

/** One try of a delivery: when, how long, what came back, and when the next one was planned. */
public record DeliveryAttempt(int attempt, Instant startedAt, long durationMs, String outcome, Integer httpStatus,
                              String errorClass, String responseExcerpt, Instant nextAttemptAt) {
}

package dev.umhub.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One try of a delivery: when, how long, what came back, when the next one was planned, and the request the
 * destination route really sent (method, URL and headers, secrets masked; null when it called nothing outside Camel).
 */
public record DeliveryAttempt(int attempt, Instant startedAt, long durationMs, String outcome, Integer httpStatus,
                              String errorClass, String responseExcerpt, Instant nextAttemptAt, JsonNode request) {
}

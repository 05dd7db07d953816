package dev.umhub.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** An event row as the admin API shows it. */
public record StoredEvent(String id, String idempotencyKey, String source, String origin, String type, String subject,
                          String customerId, boolean test, Instant receivedAt, JsonNode payload, JsonNode data,
                          String rulesVersion, JsonNode rulesFired, JsonNode dispatches) {
}

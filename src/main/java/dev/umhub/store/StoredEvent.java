package dev.umhub.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * An event row as the admin API shows it.
 *
 * @param explanation   the rules' firings with the facts they matched, and vetoes; null when not recorded
 * @param decisionError why the rules could not decide (the event waits for a redecide); null when decided
 */
public record StoredEvent(String id, String idempotencyKey, String source, String origin, String type, String subject,
                          String customerId, boolean test, Instant receivedAt, JsonNode payload, JsonNode data,
                          String rulesVersion, JsonNode rulesFired, JsonNode dispatches, JsonNode explanation,
                          String decisionError) implements EventSummary {
}

package dev.umhub.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * An event as a list shows it: no body, no normalised data, its deliveries counted by status.
 *
 * @param seq the journal's order, the paging cursor ({@link EventFilter#before})
 */
public record ListedEvent(long seq, String id, String type, String source, String origin, String subject,
                          String customerId, String email, boolean test, Instant receivedAt, String rulesVersion,
                          JsonNode rulesFired,
                          String decisionError, Map<DeliveryStatus, Long> deliveries) implements EventSummary {

    public EventStatus status() {
        return EventStatus.of(decisionError != null, deliveries);
    }
}

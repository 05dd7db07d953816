package dev.umhub.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** An outbox row as the delivery lanes and the admin API see it. */
public record Delivery(String id, String eventId, String eventType, String customerId, String destination,
                       JsonNode actions, JsonNode rules, DeliveryStatus status, JsonNode request, int attempts,
                       int replays, Instant nextAttemptAt, Integer lastStatus, String lastError, String errorClass,
                       String note,
                       String externalId, Instant createdAt, Instant updatedAt, Instant deliveredAt,
                       List<DeliveryAttempt> attemptHistory) {

    public Delivery withAttempts(List<DeliveryAttempt> history) {
        return new Delivery(id, eventId, eventType, customerId, destination, actions, rules, status, request, attempts,
                replays, nextAttemptAt, lastStatus, lastError, errorClass, note, externalId, createdAt, updatedAt,
                deliveredAt, history);
    }

    /** The body the destination route sends. */
    public String body() {
        return request.path("body").asText();
    }
}

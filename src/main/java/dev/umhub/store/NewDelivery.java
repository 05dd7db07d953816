package dev.umhub.store;

import java.time.Instant;

/** An outbox row as the decision creates it. JSON fields are already serialised. */
public record NewDelivery(String id, String eventId, String destination, String actions, String rules,
                          DeliveryStatus status, String request, Instant nextAttemptAt, String lastError, String note,
                          Instant createdAt) {
}

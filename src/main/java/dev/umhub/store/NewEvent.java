package dev.umhub.store;

import java.time.Instant;

/** What ingest journals for one accepted event. JSON fields are already serialised. */
public record NewEvent(String id, String idempotencyKey, String source, String origin, String type, String subject,
                       String customerId, boolean test, Instant receivedAt, String payload, String data,
                       DecisionColumns decision) {
}

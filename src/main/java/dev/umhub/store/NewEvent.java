package dev.umhub.store;

import java.time.Instant;

/**
 * What ingest journals for one accepted event. JSON fields are already serialised.
 *
 * @param payload the body exactly as received; null when the intake row {@code intakeSeq} holds it
 */
public record NewEvent(String id, String idempotencyKey, String source, String origin, String type, String subject,
                       String customerId, boolean test, Instant receivedAt, String payload, Long intakeSeq,
                       String data, DecisionColumns decision) {
}

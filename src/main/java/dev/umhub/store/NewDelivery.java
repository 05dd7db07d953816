package dev.umhub.store;

import java.time.Instant;

/**
 * An outbox row as the decision creates it. JSON fields are already serialised.
 *
 * @param orderKey rows with the same key and destination are delivered one at a time, in insertion order
 * @param errorClass why a row is born dead ({@code unmappable}, {@code no_destination}); null otherwise
 * @param contentKey the connector's digest of what the request changes at the destination, or null
 */
public record NewDelivery(String id, String eventId, String destination, String orderKey, String actions,
                          String rules, DeliveryStatus status, String request, Instant nextAttemptAt, String lastError,
                          String errorClass, String note, String contentKey, Instant createdAt) {
}

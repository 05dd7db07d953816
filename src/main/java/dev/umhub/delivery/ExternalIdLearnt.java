package dev.umhub.delivery;

/**
 * A destination gave a customer an id umhub did not have for it (a new CRM contact, or a contact merged into
 * another). Published inside the transaction that records the delivery, so a listener's writes commit with it.
 *
 * @param eventId the event whose delivery brought the id
 */
public record ExternalIdLearnt(String customerId, String destination, String externalId, String eventId) {
}

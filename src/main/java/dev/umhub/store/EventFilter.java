package dev.umhub.store;

import java.time.Instant;

/**
 * What an operator looks for in the journal (the console's events list, {@code GET /api/events}); every part optional.
 *
 * @param type       one event type
 * @param customerId the platform's customer id
 * @param email      the customer's email (as umhub last learnt it), compared without case
 * @param status     where the event's deliveries stand, or a failed decision
 * @param from       received at or after
 * @param to         received before
 * @param before     the paging cursor: only events older than this {@code seq} (the last one of the previous page)
 */
public record EventFilter(String type, String customerId, String email, EventStatus status, Instant from, Instant to,
                          Long before) {

    public static EventFilter none() {
        return new EventFilter(null, null, null, null, null, null, null);
    }
}

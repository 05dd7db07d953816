package dev.umhub.ultimatemultisite.lifecycle;

import dev.umhub.event.Change;
import dev.umhub.event.EventType;

/**
 * One lifecycle event derived from a state change, not yet built into a {@code PlatformEvent}.
 *
 * @param key    the idempotency key: built from the entity and the change, never from the payload, so one change is
 *               one event whichever way (webhook, poll, re-read) umhub learnt it
 * @param kind   the entity whose state the event describes (for {@code checkout.completed}: the payment, while
 *               its key names the membership, which has one checkout)
 */
public record Derived(EventType type, String key, EntityKind kind, String entityId, Change change) {
}

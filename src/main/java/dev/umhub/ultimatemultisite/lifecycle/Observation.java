package dev.umhub.ultimatemultisite.lifecycle;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One sighting of an entity's state, from a webhook body or a REST object. Null fields say "not in this sighting"
 * and leave what umhub knew unchanged (webhooks carry no plan id, REST customers no email).
 *
 * @param dateModified the platform's {@code date_modified}; only REST objects have it (webhooks never do)
 * @param asOf         umhub's clock when the state was read: a webhook's arrival, or when the REST request was sent
 * @param part         the event part this sighting carries ({@code Membership}, {@code Payment} or {@code Customer})
 * @param via          {@code webhook:<slug>} or {@code rest}
 */
public record Observation(EntityKind kind, String id, String status, String planId, BigDecimal amount,
                          String membershipId, String customerId, Instant dateModified, Instant asOf, Object part,
                          String via) {
}

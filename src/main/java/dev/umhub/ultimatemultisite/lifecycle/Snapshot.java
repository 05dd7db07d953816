package dev.umhub.ultimatemultisite.lifecycle;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The last state umhub saw of one entity.
 *
 * @param statusSeq     how many status changes umhub has seen; it names the current status episode, so "payment 6
 *                      became failed" has the same key whichever way umhub learnt it, and a later second failure a new
 *                      one
 * @param everCompleted a payment that was ever completed (so refunded ones count as the membership's first payment)
 * @param dateModified  the platform's {@code date_modified} of this state; null when it came from a webhook
 * @param observedAt    umhub's clock when this state was read; null for a row that holds no state yet
 * @param partJson      the merged event part (JSON) of every sighting, to enrich events about related entities
 */
public record Snapshot(EntityKind kind, String id, String status, int statusSeq, String planId, BigDecimal amount,
                       String membershipId, String customerId, boolean everCompleted, Instant dateModified,
                       Instant observedAt, String partJson) {

    /** A row that was created only to be locked: nothing was seen yet. */
    public boolean seen() {
        return observedAt != null;
    }
}

package dev.umhub.store;

import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes what is old enough to go: events whose deliveries are all finished, dead letters past their own
 * retention, and quarantined bodies. Pending deliveries are never purged, whatever their age.
 */
@Repository
public class Retention {

    private static final String SETTLED = "SELECT e.id FROM umhub_event e WHERE e.received_at < ? AND NOT EXISTS"
            + " (SELECT 1 FROM umhub_delivery d WHERE d.event_id = e.id AND d.status IN (%s))";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    public Retention(Store store) {
        this.jdbc = store.jdbc();
        this.tx = store.tx();
    }

    /** Events older than the cutoff whose deliveries were all delivered or skipped. */
    public int purgeSettledEvents(Instant cutoff) {
        return purgeEvents(String.format(SETTLED, "'pending', 'dead'"), cutoff);
    }

    /** Events older than the cutoff with nothing pending: dead letters included. */
    public int purgeDeadLetterEvents(Instant cutoff) {
        return purgeEvents(String.format(SETTLED, "'pending'"), cutoff);
    }

    /**
     * Processed intake messages older than the cutoff whose events are gone (the id a 202 named leads to its event
     * while that is kept, and every event made from a message reads its body there); from then on their content is no
     * longer a duplicate. Failed ones stay until they are processed.
     */
    public int purgeProcessedIntake(Instant cutoff) {
        return jdbc.sql("DELETE FROM umhub_intake WHERE state = 'processed' AND received_at < ? AND NOT EXISTS"
                        + " (SELECT 1 FROM umhub_event e WHERE e.id = umhub_intake.event_id) AND NOT EXISTS"
                        + " (SELECT 1 FROM umhub_event e WHERE e.intake_seq = umhub_intake.seq)")
                .param(Timestamps.param(cutoff)).update();
    }

    public int purgeQuarantine(Instant cutoff) {
        return jdbc.sql("DELETE FROM umhub_quarantine WHERE received_at < ?").param(Timestamps.param(cutoff)).update();
    }

    /** An event, its deliveries and their attempts go together, in one transaction. */
    private int purgeEvents(String eligible, Instant cutoff) {
        return tx.execute(status -> deleteEvents(eligible, Timestamps.param(cutoff)));
    }

    private int deleteEvents(String eligible, Object c) {
        jdbc.sql("DELETE FROM umhub_delivery_attempt WHERE delivery_id IN (SELECT d.id FROM umhub_delivery d"
                + " WHERE d.event_id IN (" + eligible + "))").param(c).update();
        jdbc.sql("DELETE FROM umhub_delivery WHERE event_id IN (" + eligible + ")").param(c).update();
        return jdbc.sql("DELETE FROM umhub_event WHERE id IN (" + eligible + ")").param(c).update();
    }
}

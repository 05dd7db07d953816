package dev.umhub.store;

import dev.umhub.ultimatemultisite.lifecycle.EntityKind;
import dev.umhub.ultimatemultisite.lifecycle.Snapshot;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The last state umhub saw of every membership, payment and customer. A sighting locks its entity's row for the
 * rest of the caller's transaction, so a webhook and a poll that see the same change at once are compared one after
 * the other, on every instance that shares the database.
 */
@Repository
public class LifecycleStateStore {

    private static final String COLUMNS = "entity_kind, entity_id, status, status_seq, plan_id, amount, membership_id,"
            + " customer_id, ever_completed, date_modified, observed_at, part";

    private final JdbcClient jdbc;
    private final TransactionTemplate savepoint;
    private final TransactionCache<String, Optional<Snapshot>> cache = new TransactionCache<>();

    public LifecycleStateStore(Store store) {
        this.jdbc = store.jdbc();
        this.savepoint = store.nested();
    }

    /** Locks the entity's row (creating an empty one first) until the caller's transaction ends; call inside one. */
    public Snapshot lock(EntityKind kind, String id, Instant now) {
        Optional<Snapshot> locked = selectForUpdate(kind, id); // a known entity: one statement
        if (locked.isEmpty()) {
            try {
                // in a savepoint: a concurrent insert of the same entity must not abort the caller's transaction
                savepoint.executeWithoutResult(s -> jdbc.sql("INSERT INTO umhub_lifecycle_state (entity_kind, entity_id,"
                                + " status_seq, ever_completed, updated_at) VALUES (?, ?, 0, FALSE, ?)")
                        .params(kind.value(), id, Timestamps.param(now)).update());
                // inserted here: the row is this transaction's until it ends, and holds exactly what was inserted
                locked = Optional.of(new Snapshot(kind, id, null, 0, null, null, null, null, false, null, null, null));
            } catch (DuplicateKeyException raced) {
                // the other sighting created it; the lock waits for it
                locked = selectForUpdate(kind, id);
            }
        }
        cache.put(key(kind, id), locked);
        return locked.orElseThrow();
    }

    private Optional<Snapshot> selectForUpdate(EntityKind kind, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM umhub_lifecycle_state WHERE entity_kind = ? AND entity_id = ?"
                + " FOR UPDATE").params(kind.value(), id).query(this::row).optional();
    }

    /** The entity's state; inside a transaction, read once and then served from what this transaction saw. */
    public Optional<Snapshot> find(EntityKind kind, String id) {
        if (id == null) {
            return Optional.empty();
        }
        return cache.get(key(kind, id), k -> jdbc.sql("SELECT " + COLUMNS + " FROM umhub_lifecycle_state"
                + " WHERE entity_kind = ? AND entity_id = ?").params(kind.value(), id).query(this::row).optional());
    }

    private static String key(EntityKind kind, String id) {
        return kind.value() + "/" + id;
    }

    public void save(Snapshot s, Instant now) {
        jdbc.sql("UPDATE umhub_lifecycle_state SET status = ?, status_seq = ?, plan_id = ?, amount = ?, membership_id = ?,"
                        + " customer_id = ?, ever_completed = ?, date_modified = ?, observed_at = ?, part = ?, updated_at = ?"
                        + " WHERE entity_kind = ? AND entity_id = ?")
                .params(s.status(), s.statusSeq(), s.planId(), amount(s.amount()),
                        s.membershipId(), s.customerId(), s.everCompleted(), Timestamps.param(s.dateModified()),
                        Timestamps.param(s.observedAt()), s.partJson(), Timestamps.param(now), s.kind().value(), s.id())
                .update();
        // kept as the store now holds it (times to the microsecond, amounts as their stored text), so the events made
        // next in this transaction read it without a query
        cache.put(key(s.kind(), s.id()), Optional.of(asStored(s)));
    }

    /** A snapshot as reading its row back would give it. */
    private static Snapshot asStored(Snapshot s) {
        String amount = amount(s.amount());
        return new Snapshot(s.kind(), s.id(), s.status(), s.statusSeq(), s.planId(),
                amount == null ? null : new BigDecimal(amount), s.membershipId(), s.customerId(), s.everCompleted(),
                micros(s.dateModified()), micros(s.observedAt()), s.partJson());
    }

    private static Instant micros(Instant t) {
        return t == null ? null : t.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    /** Amounts as text; one too long to be money (a bogus "1e999") is not kept. */
    private static String amount(BigDecimal amount) {
        if (amount == null || amount.precision() - amount.scale() > 30) {
            return null;
        }
        String text = amount.toPlainString();
        return text.length() <= 64 ? text : null;
    }

    /** Whether a membership already had a completed payment other than this one: then this one is no checkout. */
    public boolean hasOtherCompletedPayment(String membershipId, String paymentId) {
        return jdbc.sql("SELECT COUNT(*) FROM umhub_lifecycle_state WHERE entity_kind = 'payment' AND membership_id = ?"
                        + " AND entity_id <> ? AND ever_completed = TRUE")
                .params(membershipId, paymentId).query(Long.class).single() > 0;
    }

    /** How many entities of a kind umhub has seen. */
    public long count(EntityKind kind) {
        return jdbc.sql("SELECT COUNT(*) FROM umhub_lifecycle_state WHERE entity_kind = ? AND observed_at IS NOT NULL")
                .param(kind.value()).query(Long.class).single();
    }

    private Snapshot row(ResultSet rs, int n) throws SQLException {
        String amount = rs.getString("amount");
        return new Snapshot(EntityKind.valueOf(rs.getString("entity_kind").toUpperCase(java.util.Locale.ROOT)),
                rs.getString("entity_id"), rs.getString("status"), rs.getInt("status_seq"), rs.getString("plan_id"),
                amount == null ? null : new BigDecimal(amount), rs.getString("membership_id"),
                rs.getString("customer_id"), rs.getBoolean("ever_completed"), Timestamps.get(rs, "date_modified"),
                Timestamps.get(rs, "observed_at"), rs.getString("part"));
    }
}

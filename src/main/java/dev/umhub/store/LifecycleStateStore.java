package dev.umhub.store;

import dev.umhub.support.Chunks;
import dev.umhub.ultimatemultisite.lifecycle.EntityKind;
import dev.umhub.ultimatemultisite.lifecycle.Snapshot;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
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

    private static final String INSERT_EMPTY = "INSERT INTO umhub_lifecycle_state (entity_kind, entity_id, status_seq,"
            + " ever_completed, updated_at) VALUES (?, ?, 0, FALSE, ?)";
    private static final String COLUMNS = "entity_kind, entity_id, status, status_seq, plan_id, amount, membership_id,"
            + " customer_id, ever_completed, date_modified, observed_at, part";

    /** Keys asked at most per statement when locking many. */
    private static final int LOCK_CHUNK = 500;
    /** The length of {@code entity_id}. */
    private static final int MAX_ID = 64;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate savepoint;
    private final Store store;
    /** The rows this transaction read or wrote, and whether it holds each locked. */
    private final TransactionCache<String, Row> cache = new TransactionCache<>();

    /** A row as this transaction last saw it (empty: there is none), and whether the transaction holds it locked. */
    private record Row(Optional<Snapshot> state, boolean locked) {
    }

    /** An entity whose row to lock. */
    public record Entity(EntityKind kind, String id) {
    }

    public LifecycleStateStore(Store store) {
        this.jdbc = store.jdbc();
        this.batch = store.template();
        this.savepoint = store.nested();
        this.store = store;
    }

    /**
     * Locks the rows of many entities at once (creating the missing ones), until the caller's transaction ends: what
     * {@link #lock} would do for each, in a statement per entity kind and one batch of inserts instead of one to three
     * statements per entity. Entities another transaction creates meanwhile are left to {@link #lock}, which waits for
     * them. Rows are locked in id order per statement; two instances that still lock in opposite orders deadlock,
     * which the store reports and the caller takes again (the store's trouble, not the messages').
     */
    public void lockAll(Collection<Entity> entities, Instant now) {
        Map<EntityKind, List<String>> byKind = new TreeMap<>();
        for (Entity e : entities) {
            // an id the column cannot hold is left to lock(), which fails its message alone
            if (e.id() != null && e.id().length() <= MAX_ID && !isHeld(key(e.kind(), e.id()))) {
                byKind.computeIfAbsent(e.kind(), k -> new ArrayList<>()).add(e.id());
            }
        }
        List<Entity> missing = new ArrayList<>();
        byKind.forEach((kind, ids) -> {
            List<String> sorted = ids.stream().distinct().sorted().toList();
            for (List<String> chunk : Chunks.of(sorted, LOCK_CHUNK)) {
                Set<String> found = new HashSet<>();
                jdbc.sql(lockAllStatement(chunk.size())).params(keyPairs(kind, chunk)).query(this::row).list()
                        .forEach(s -> {
                            found.add(s.id());
                            holding(key(s.kind(), s.id()), Optional.of(s));
                        });
                chunk.stream().filter(id -> !found.contains(id)).forEach(id -> missing.add(new Entity(kind, id)));
            }
        });
        if (missing.isEmpty()) {
            return;
        }
        try {
            // in a savepoint: an entity another transaction inserted meanwhile must not abort this one, and the batch
            // is then undone whole (not ON CONFLICT DO NOTHING), so that lock() takes each of them as it would alone
            savepoint.executeWithoutResult(s -> batch.batchUpdate(INSERT_EMPTY, missing.stream()
                    .map(e -> new Object[] {e.kind().value(), e.id(), Timestamps.param(now)}).toList()));
        } catch (DataIntegrityViolationException racedOrRefused) {
            return; // none of the batch was inserted: lock() takes each in turn, and fails only the one at fault
        }
        missing.forEach(e -> holding(key(e.kind(), e.id()), Optional.of(empty(e.kind(), e.id()))));
    }

    /**
     * Selects and locks {@code n} entities of one kind by whole primary keys, {@code (entity_kind, entity_id) IN ((?,
     * ?), ...)}. Written as {@code entity_kind = ? AND entity_id IN (...)}, H2 looks the rows up by the kind alone and
     * reads every row of that kind, so each batch cost more the more entities the store knew.
     */
    static String lockAllStatement(int n) {
        return "SELECT " + COLUMNS + " FROM umhub_lifecycle_state WHERE (entity_kind, entity_id) IN ("
                + String.join(", ", java.util.Collections.nCopies(n, "(?, ?)")) + ") ORDER BY entity_id FOR UPDATE";
    }

    private static Object[] keyPairs(EntityKind kind, List<String> ids) {
        Object[] params = new Object[ids.size() * 2];
        for (int i = 0; i < ids.size(); i++) {
            params[2 * i] = kind.value();
            params[2 * i + 1] = ids.get(i);
        }
        return params;
    }

    /** Locks the entity's row (creating an empty one first) until the caller's transaction ends; call inside one. */
    public Snapshot lock(EntityKind kind, String id, Instant now) {
        String key = key(kind, id);
        Row known = cache.peek(key);
        if (known != null && known.locked() && known.state().isPresent()) {
            return known.state().get(); // locked by lockAll or an earlier lock, and kept up to date by save
        }
        Optional<Snapshot> locked = selectForUpdate(kind, id); // a known entity: one statement
        if (locked.isEmpty()) {
            // a concurrent insert of the same entity must not abort the caller's transaction
            if (store.insertUnlessTaken(INSERT_EMPTY, kind.value(), id, Timestamps.param(now))) {
                // inserted here: the row is this transaction's until it ends, and holds exactly what was inserted
                locked = Optional.of(empty(kind, id));
            } else {
                // the other sighting created it; the lock waits for it
                locked = selectForUpdate(kind, id);
            }
        }
        holding(key, locked);
        return locked.orElseThrow();
    }

    private boolean isHeld(String key) {
        Row row = cache.peek(key);
        return row != null && row.locked();
    }

    private void holding(String key, Optional<Snapshot> state) {
        cache.put(key, new Row(state, true));
    }

    /** A row just inserted by {@link #INSERT_EMPTY}, as reading it back would give it. */
    private static Snapshot empty(EntityKind kind, String id) {
        return new Snapshot(kind, id, null, 0, null, null, null, null, false, null, null, null);
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
        return cache.get(key(kind, id), k -> new Row(jdbc.sql("SELECT " + COLUMNS + " FROM umhub_lifecycle_state"
                        + " WHERE entity_kind = ? AND entity_id = ?").params(kind.value(), id).query(this::row).optional(),
                false)).state();
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
        String key = key(s.kind(), s.id());
        cache.put(key, new Row(Optional.of(asStored(s)), isHeld(key)));
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

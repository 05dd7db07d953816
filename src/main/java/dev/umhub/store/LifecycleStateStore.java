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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;
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
    private static final String UPDATE = "UPDATE umhub_lifecycle_state SET status = ?, status_seq = ?, plan_id = ?,"
            + " amount = ?, membership_id = ?, customer_id = ?, ever_completed = ?, date_modified = ?, observed_at = ?,"
            + " part = ?, updated_at = ? WHERE entity_kind = ? AND entity_id = ?";

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
    /** The key of the current transaction's {@link DeferredSaves}. */
    private final Object deferredKey = new Object();
    /** Per membership, its completed payments as {@link #readCompletedPayments} read them in this transaction. */
    private final TransactionCache<String, Set<String>> completedPayments = new TransactionCache<>();

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
        writeDeferred();
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
        writeDeferred();
        return jdbc.sql("SELECT " + COLUMNS + " FROM umhub_lifecycle_state WHERE entity_kind = ? AND entity_id = ?"
                + " FOR UPDATE").params(kind.value(), id).query(this::row).optional();
    }

    /** The entity's state; inside a transaction, read once and then served from what this transaction saw. */
    public Optional<Snapshot> find(EntityKind kind, String id) {
        if (id == null) {
            return Optional.empty();
        }
        return cache.get(key(kind, id), k -> {
            writeDeferred();
            return new Row(jdbc.sql("SELECT " + COLUMNS + " FROM umhub_lifecycle_state WHERE entity_kind = ?"
                    + " AND entity_id = ?").params(kind.value(), id).query(this::row).optional(), false);
        }).state();
    }

    private static String key(EntityKind kind, String id) {
        return kind.value() + "/" + id;
    }

    /**
     * Saves an entity's state (its row is locked by {@link #lock} or {@link #lockAll}). Inside a transaction that
     * {@link #deferSaves defers} them, the save is written with the others before the transaction commits.
     */
    public void save(Snapshot s, Instant now) {
        DeferredSaves deferred = deferred();
        if (deferred != null) {
            deferred.add(new Save(s, now));
        } else {
            jdbc.sql(UPDATE).params(updateParams(new Save(s, now))).update();
        }
        // kept as the store now holds it (times to the microsecond, amounts as their stored text), so the events made
        // next in this transaction read it without a query
        String key = key(s.kind(), s.id());
        cache.put(key, new Row(Optional.of(asStored(s)), isHeld(key)));
    }

    private static Object[] updateParams(Save save) {
        Snapshot s = save.state();
        return new Object[] {s.status(), s.statusSeq(), s.planId(), amount(s.amount()), s.membershipId(),
                s.customerId(), s.everCompleted(), Timestamps.param(s.dateModified()), Timestamps.param(s.observedAt()),
                s.partJson(), Timestamps.param(save.at()), s.kind().value(), s.id()};
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

    /**
     * Reads, for a batch, the completed payments of these memberships as the store holds them now, so that
     * {@link #hasOtherCompletedPayment} needs no statement of its own for them in this transaction. Payments another
     * transaction completes after this read are not seen; a checkout derived twice has the same key and is one event.
     */
    public void readCompletedPayments(Collection<String> membershipIds) {
        List<String> ids = membershipIds.stream().filter(java.util.Objects::nonNull).distinct().toList();
        if (ids.isEmpty() || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return;
        }
        Map<String, Set<String>> read = new HashMap<>();
        ids.forEach(id -> read.put(id, new HashSet<>()));
        for (List<String> chunk : Chunks.of(ids, LOCK_CHUNK)) {
            jdbc.sql("SELECT membership_id, entity_id FROM umhub_lifecycle_state WHERE entity_kind = 'payment'"
                            + " AND ever_completed = TRUE AND membership_id IN ("
                            + DeliveryStore.placeholders(chunk.size()) + ")").params(chunk)
                    .query(rs -> {
                        read.get(rs.getString("membership_id")).add(rs.getString("entity_id"));
                    });
        }
        read.forEach(completedPayments::put);
    }

    /** Whether a membership already had a completed payment other than this one: then this one is no checkout. */
    public boolean hasOtherCompletedPayment(String membershipId, String paymentId) {
        // a payment saved in this transaction is judged by its last save; every other by the store's row
        DeferredSaves deferred = deferred();
        if (deferred != null && deferred.completedOtherThan(membershipId, paymentId)) {
            return true;
        }
        Set<String> savedHere = deferred == null ? Set.of() : deferred.payments.keySet();
        Set<String> read = completedPayments.peek(membershipId);
        if (read != null) {
            return read.stream().anyMatch(id -> !id.equals(paymentId) && !savedHere.contains(id));
        }
        // of (saved here + 1) rows found, one at least is judged by the store alone
        return jdbc.sql("SELECT entity_id FROM umhub_lifecycle_state WHERE entity_kind = 'payment'"
                        + " AND membership_id = ? AND entity_id <> ? AND ever_completed = TRUE LIMIT ?")
                .params(membershipId, paymentId, savedHere.size() + 1).query(String.class).list().stream()
                .anyMatch(id -> !savedHere.contains(id));
    }

    /** How many entities of a kind umhub has seen. */
    public long count(EntityKind kind) {
        writeDeferred();
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

    /**
     * For the rest of the current transaction (a batch of the intake processor), saves are kept and written together
     * in one JDBC batch: before the transaction commits, and before this store reads the table again (a read served
     * by the transaction's cache needs no write). On PostgreSQL that is one round trip for the batch instead of one
     * per save, each webhook saving three entities. The rows are locked already ({@link #lockAll}), so deferring
     * their updates changes nothing another transaction can see.
     */
    public void deferSaves() {
        DeferredBatch.begin(deferredKey, DeferredSaves::new);
    }

    private DeferredSaves deferred() {
        return DeferredBatch.current(deferredKey);
    }

    private void writeDeferred() {
        DeferredBatch.writeCurrent(deferredKey);
    }

    /** A save: the state, and when it was saved. */
    private record Save(Snapshot state, Instant at) {
    }

    /**
     * The saves of a transaction, with the payments among them indexed: a payment saved in this transaction, whose row
     * it holds locked, is what its last save says, written or not.
     */
    private final class DeferredSaves extends DeferredBatch<Save> {
        /** The last save of each payment, by id; and the ids of those completed, by membership. */
        final Map<String, Snapshot> payments = new HashMap<>();
        private final Map<String, Set<String>> completedByMembership = new HashMap<>();

        DeferredSaves() {
            // each entity's last save is its state: an update sets every column
            super(deferredKey, saves -> {
                Map<String, Save> last = new LinkedHashMap<>();
                saves.forEach(save -> last.put(key(save.state().kind(), save.state().id()), save));
                batch.batchUpdate(UPDATE, last.values().stream().map(LifecycleStateStore::updateParams).toList());
            });
        }

        @Override
        void add(Save save) {
            super.add(save);
            index(save.state());
        }

        private void index(Snapshot s) {
            if (s.kind() != EntityKind.PAYMENT) {
                return;
            }
            Snapshot before = payments.put(s.id(), s);
            Set<String> completedBefore = before == null ? null : completedByMembership.get(before.membershipId());
            if (completedBefore != null) {
                completedBefore.remove(s.id());
            }
            if (s.everCompleted() && s.membershipId() != null) {
                completedByMembership.computeIfAbsent(s.membershipId(), k -> new HashSet<>()).add(s.id());
            }
        }

        /** Whether a payment of the membership saved in this transaction, other than this one, is completed. */
        boolean completedOtherThan(String membershipId, String paymentId) {
            Set<String> ids = completedByMembership.getOrDefault(membershipId, Set.of());
            return ids.size() > 1 || ids.size() == 1 && !ids.contains(paymentId);
        }

        @Override
        protected void forgotten() {
            payments.clear();
            completedByMembership.clear();
            all().forEach(save -> index(save.state()));
        }
    }
}

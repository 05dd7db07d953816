package dev.umhub.store;

import dev.umhub.support.Chunks;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The event journal. Inserting a known event id (its idempotency key's, see {@code KeyedEvent}) throws
 * DuplicateKeyException: the dedup check of an event recorded alone ({@code Journal} reads which of a batch's ids are
 * known before writing it, see {@link #existing}).
 */
@Repository
public class EventStore {

    /** An event's fields, its body ({@code %s}) among them. */
    private static final String FIELDS = "id, idempotency_key, source, origin, event_type, subject, customer_id, test,"
            + " received_at, %s, data, rules_version, rules_fired, dispatches, explanation, decision_error";
    /** The body: the event's own, or the intake row's it was made from (V9). */
    private static final String COLUMNS = FIELDS.formatted("COALESCE(payload, (SELECT i.body FROM umhub_intake i"
            + " WHERE i.seq = umhub_event.intake_seq)) AS payload");
    private static final String INSERT_COLUMNS = FIELDS.formatted("payload") + ", intake_seq, decision_failed";
    /** An event with its decision but not its body, which only the event's own view shows. */
    private static final String WITHOUT_BODY = FIELDS.formatted("NULL AS payload");
    /**
     * What processing reads of a known event (the duplicate check, late facts): the normalised data, not the raw
     * body nor the decision, which would be read and parsed for nothing.
     */
    private static final String PROCESSING_COLUMNS = WITHOUT_BODY
            .replace("rules_fired", "NULL AS rules_fired").replace("dispatches", "NULL AS dispatches")
            .replace("explanation", "NULL AS explanation");
    /** Ids per statement of {@link #existing}. */
    private static final int EXISTING_CHUNK = 100;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Json json;

    public EventStore(Store store, Json json) {
        this.jdbc = store.jdbc();
        this.template = store.template();
        this.json = json;
    }

    private static final String INSERT = "INSERT INTO umhub_event (" + INSERT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    public void insert(NewEvent e) {
        jdbc.sql(INSERT).params(params(e)).update();
    }

    /** Many events in one JDBC batch, in this order; a known id fails the batch (DuplicateKeyException). */
    public void insertAll(List<NewEvent> events) {
        template.batchUpdate(INSERT, events.stream().map(EventStore::params).toList());
    }

    private static Object[] params(NewEvent e) {
        return new Object[] {e.id(), e.idempotencyKey(), e.source(), e.origin(), e.type(), e.subject(), e.customerId(),
                e.test(), Timestamps.param(e.receivedAt()), e.payload(), e.data(), e.decision().rulesVersion(),
                e.decision().rulesFired(), e.decision().dispatches(), e.decision().explanation(),
                e.decision().decisionError(), e.intakeSeq(), e.decision().failed()};
    }

    /**
     * An event decided again: completed by a later observation (new data), or redecided by an operator (data null:
     * unchanged). The decision replaces the previous one, its error included.
     */
    public void redecided(String id, String customerId, String data, DecisionColumns decision) {
        jdbc.sql("UPDATE umhub_event SET customer_id = COALESCE(customer_id, ?), data = COALESCE(?, data),"
                        + " rules_version = ?, rules_fired = ?, dispatches = ?, explanation = ?, decision_error = ?,"
                        + " decision_failed = ? WHERE id = ?")
                .params(customerId, data, decision.rulesVersion(), decision.rulesFired(), decision.dispatches(),
                        decision.explanation(), decision.decisionError(), decision.failed(), id)
                .update();
    }

    /**
     * Other events about the same entity of the same customer, received within {@code within} of the given one: the
     * events one observation made together (a first payment's {@code payment.received} and
     * {@code checkout.completed}).
     */
    public List<StoredEvent> madeWith(StoredEvent event, java.time.Duration within) {
        if (event.customerId() == null || event.subject() == null || event.receivedAt() == null) {
            return List.of();
        }
        return jdbc.sql("SELECT " + PROCESSING_COLUMNS + " FROM umhub_event WHERE customer_id = ? AND subject = ? AND id <> ?"
                        + " AND received_at BETWEEN ? AND ?")
                .params(event.customerId(), event.subject(), event.id(),
                        Timestamps.param(event.receivedAt().minus(within)), Timestamps.param(event.receivedAt().plus(within)))
                .query(this::row).list();
    }

    /** A customer's events received since the given time, newest first, as processing reads them. */
    public List<StoredEvent> ofCustomerSince(String customerId, java.time.Instant since, int limit) {
        return jdbc.sql("SELECT " + PROCESSING_COLUMNS + " FROM umhub_event WHERE customer_id = ? AND received_at >= ?"
                        + " ORDER BY received_at DESC, seq DESC LIMIT ?")
                .params(customerId, Timestamps.param(since), limit).query(this::row).list();
    }

    /** A known event as processing needs it: without its raw body and decision ({@link #PROCESSING_COLUMNS}). */
    public Optional<StoredEvent> findForProcessing(String id) {
        return jdbc.sql("SELECT " + PROCESSING_COLUMNS + " FROM umhub_event WHERE id = ?").param(id).query(this::row)
                .optional();
    }

    public Optional<StoredEvent> findById(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM umhub_event WHERE id = ?").param(id).query(this::row).optional();
    }

    /** Whether an event with this id is recorded. */
    public boolean exists(String id) {
        return !jdbc.sql("SELECT 1 FROM umhub_event WHERE id = ?").param(id).query(Integer.class).list().isEmpty();
    }

    /** Which of these ids the journal holds, read by the primary key in statements of at most 100 ids. */
    public Set<String> existing(List<String> ids) {
        Set<String> found = new HashSet<>();
        for (List<String> chunk : Chunks.of(ids, EXISTING_CHUNK)) {
            found.addAll(jdbc.sql(existingStatement(chunk.size())).params(chunk).query(String.class)
                    .list());
        }
        return found;
    }

    static String existingStatement(int n) {
        return "SELECT id FROM umhub_event WHERE id IN (" + DeliveryStore.placeholders(n) + ")";
    }

    /**
     * The ids of the newest events a selection takes, oldest first (the order they were decided in), at most
     * {@code max} (and at most its {@code last}).
     */
    public List<String> newestIds(EventSelection selection, int max) {
        List<Object> params = new java.util.ArrayList<>();
        String where = where(selection, params);
        params.add(selection.last() == null ? max : Math.min(max, selection.last()));
        List<String> ids = new java.util.ArrayList<>(jdbc.sql("SELECT id FROM umhub_event" + where
                + " ORDER BY seq DESC LIMIT ?").params(params).query(String.class).list());
        java.util.Collections.reverse(ids);
        return ids;
    }

    /**
     * Hands each event a selection takes to {@code each}, oldest first, as processing reads them (facts, no body),
     * read a page at a time, at most {@code max}: with {@code last}, the newest of them.
     *
     * @return where to continue ({@link EventSelection#after}) when the selection holds more than {@code max}; null
     * when every event was handed over
     * @throws IllegalArgumentException when {@code last} asks for more than {@code max}
     */
    public Long forEachSelected(EventSelection selection, int max, java.util.function.Consumer<StoredEvent> each) {
        if (selection.last() != null) {
            if (selection.last() > max) {
                throw new IllegalArgumentException("last takes at most " + max + " events here");
            }
            List<String> ids = newestIds(selection, max);
            Chunks.of(ids, PAGE).forEach(page -> factsByIds(page).forEach(each));
            return null;
        }
        long after = selection.after() == null ? 0 : selection.after();
        for (int taken = 0; taken < max; ) {
            List<Object> params = new java.util.ArrayList<>();
            String where = where(selection, params) + " AND seq > ?";
            params.add(after);
            int page = Math.min(PAGE, max - taken);
            params.add(page);
            List<Map.Entry<Long, StoredEvent>> rows = jdbc.sql("SELECT seq, " + PROCESSING_COLUMNS
                            + " FROM umhub_event" + where + " ORDER BY seq LIMIT ?").params(params)
                    .query((rs, n) -> Map.entry(rs.getLong("seq"), row(rs, n))).list();
            rows.forEach(r -> each.accept(r.getValue()));
            if (rows.size() < page) {
                return null;
            }
            taken += rows.size();
            after = rows.get(rows.size() - 1).getKey();
        }
        List<Object> params = new java.util.ArrayList<>();
        String where = where(selection, params) + " AND seq > ?";
        params.add(after);
        boolean more = !jdbc.sql("SELECT id FROM umhub_event" + where + " ORDER BY seq LIMIT 1").params(params)
                .query(String.class).list().isEmpty();
        return more ? after : null;
    }

    private static final int PAGE = 500;

    /** How many events a selection takes (with {@code last}, at most that many). */
    public long count(EventSelection selection) {
        List<Object> params = new java.util.ArrayList<>();
        String where = where(selection, params);
        if (selection.after() != null) {
            where += " AND seq > ?";
            params.add(selection.after());
        }
        long n = jdbc.sql("SELECT COUNT(*) FROM umhub_event" + where).params(params).query(Long.class).single();
        return selection.last() == null ? n : Math.min(n, selection.last());
    }

    /** The WHERE clause of a selection, its parameters added to {@code params}. */
    private static String where(EventSelection selection, List<Object> params) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (selection.from() != null) {
            where.append(" AND received_at >= ?");
            params.add(Timestamps.param(selection.from()));
        }
        if (selection.to() != null) {
            where.append(" AND received_at < ?");
            params.add(Timestamps.param(selection.to()));
        }
        if (!selection.types().isEmpty()) {
            where.append(" AND event_type IN (").append(String.join(", ",
                    java.util.Collections.nCopies(selection.types().size(), "?"))).append(")");
            params.addAll(selection.types());
        }
        if (selection.decisionFailed()) {
            where.append(" AND decision_failed = TRUE");
        }
        return where.toString();
    }

    /** Events by id as processing reads them (facts only: no body, no decision), in the order of the ids given. */
    public List<StoredEvent> factsByIds(List<String> ids) {
        return findByIds(ids, PROCESSING_COLUMNS);
    }

    /** Events by id with their decision, without their body, in the order of the ids given. */
    public List<StoredEvent> decidedByIds(List<String> ids) {
        return findByIds(ids, WITHOUT_BODY);
    }

    private List<StoredEvent> findByIds(List<String> ids, String columns) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, StoredEvent> found = new java.util.HashMap<>();
        jdbc.sql("SELECT " + columns + " FROM umhub_event WHERE id IN ("
                        + String.join(", ", java.util.Collections.nCopies(ids.size(), "?")) + ")")
                .params(List.copyOf(ids)).query(this::row).list().forEach(e -> found.put(e.id(), e));
        return ids.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
    }

    private StoredEvent row(ResultSet rs, int n) throws SQLException {
        return new StoredEvent(rs.getString("id"), rs.getString("idempotency_key"), rs.getString("source"),
                rs.getString("origin"), rs.getString("event_type"), rs.getString("subject"),
                rs.getString("customer_id"), rs.getBoolean("test"), Timestamps.get(rs, "received_at"),
                json.read(rs.getString("payload")), json.read(rs.getString("data")), rs.getString("rules_version"),
                json.read(rs.getString("rules_fired")), json.read(rs.getString("dispatches")),
                json.read(rs.getString("explanation")), rs.getString("decision_error"));
    }
}

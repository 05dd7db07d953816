package dev.umhub.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The event journal. Inserting a known idempotency key throws DuplicateKeyException: that is the dedup check. */
@Repository
public class EventStore {

    private static final String COLUMNS = "id, idempotency_key, source, origin, event_type, subject, customer_id, test,"
            + " received_at, payload, data, rules_version, rules_fired, dispatches";
    /**
     * What processing reads of a known event (the duplicate check, late facts): the normalised data, not the raw
     * body nor the decision, which would be read and parsed for nothing.
     */
    private static final String PROCESSING_COLUMNS = COLUMNS.replace("payload", "NULL AS payload")
            .replace("rules_fired", "NULL AS rules_fired").replace("dispatches", "NULL AS dispatches");

    private final JdbcClient jdbc;
    private final Json json;

    public EventStore(Store store, Json json) {
        this.jdbc = store.jdbc();
        this.json = json;
    }

    public void insert(NewEvent e) {
        jdbc.sql("INSERT INTO umhub_event (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(e.id(), e.idempotencyKey(), e.source(), e.origin(), e.type(), e.subject(), e.customerId(),
                        e.test(), Timestamps.param(e.receivedAt()), e.payload(), e.data(), e.rulesVersion(),
                        e.rulesFired(), e.dispatches())
                .update();
    }

    /** An event whose facts a later observation completed: its data and the decision taken again with them. */
    public void complete(String id, String customerId, String data, String rulesVersion, String rulesFired,
                         String dispatches) {
        jdbc.sql("UPDATE umhub_event SET customer_id = COALESCE(customer_id, ?), data = ?, rules_version = ?,"
                        + " rules_fired = ?, dispatches = ? WHERE id = ?")
                .params(customerId, data, rulesVersion, rulesFired, dispatches, id).update();
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

    public Optional<StoredEvent> findByKey(String idempotencyKey) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM umhub_event WHERE idempotency_key = ?").param(idempotencyKey)
                .query(this::row).optional();
    }

    /** Newest first. */
    public List<StoredEvent> newest(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM umhub_event ORDER BY received_at DESC, seq DESC LIMIT ?")
                .param(limit).query(this::row).list();
    }

    private StoredEvent row(ResultSet rs, int n) throws SQLException {
        return new StoredEvent(rs.getString("id"), rs.getString("idempotency_key"), rs.getString("source"),
                rs.getString("origin"), rs.getString("event_type"), rs.getString("subject"),
                rs.getString("customer_id"), rs.getBoolean("test"), Timestamps.get(rs, "received_at"),
                json.read(rs.getString("payload")), json.read(rs.getString("data")), rs.getString("rules_version"),
                json.read(rs.getString("rules_fired")), json.read(rs.getString("dispatches")));
    }
}

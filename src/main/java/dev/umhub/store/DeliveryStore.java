package dev.umhub.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbox. Instances share it through claims with a lease: a row is worked on by whoever set
 * {@code claimed_by} last while {@code claimed_until} is in the future, so a crashed instance's rows come back on
 * their own when the lease runs out. No database-specific locking is needed, which keeps H2 and PostgreSQL alike.
 */
@Repository
public class DeliveryStore {

    private static final String COLUMNS = "d.id, d.event_id, e.event_type, e.customer_id, d.destination, d.actions,"
            + " d.rules, d.status, d.request, d.attempts, d.replays, d.next_attempt_at, d.last_status, d.last_error,"
            + " d.note, d.external_id, d.created_at, d.updated_at, d.delivered_at";
    private static final String FROM = " FROM umhub_delivery d JOIN umhub_event e ON e.id = d.event_id";

    private final JdbcClient jdbc;
    private final Json json;

    public DeliveryStore(JdbcClient jdbc, Json json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(NewDelivery d) {
        jdbc.sql("INSERT INTO umhub_delivery (id, event_id, destination, actions, rules, status, request,"
                        + " next_attempt_at, last_error, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(d.id(), d.eventId(), d.destination(), d.actions(), d.rules(), d.status().column(), d.request(),
                        Timestamps.param(d.nextAttemptAt()), d.lastError(), d.note(), Timestamps.param(d.createdAt()),
                        Timestamps.param(d.createdAt()))
                .update();
    }

    /** Ids of pending rows of one destination that are due and not claimed, oldest due first. */
    public List<String> dueIds(String destination, Instant now, int limit) {
        return jdbc.sql("SELECT id FROM umhub_delivery WHERE destination = ? AND status = 'pending'"
                        + " AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)"
                        + " ORDER BY next_attempt_at LIMIT ?")
                .params(destination, Timestamps.param(now), Timestamps.param(now), limit)
                .query(String.class).list();
    }

    /** Takes a row for one attempt; false when another worker or instance got it first. */
    public boolean claim(String id, String owner, Instant now, Instant until) {
        return jdbc.sql("UPDATE umhub_delivery SET claimed_by = ?, claimed_until = ? WHERE id = ? AND status = 'pending'"
                        + " AND (claimed_until IS NULL OR claimed_until < ?)")
                .params(owner, Timestamps.param(until), id, Timestamps.param(now)).update() == 1;
    }

    /**
     * Records the end of an attempt, fenced by the claim: if the lease ran out and someone else took the row, the
     * late answer changes nothing.
     */
    public boolean finish(String id, String owner, DeliveryStatus status, int attempts, Instant nextAttemptAt,
                          Integer lastStatus, String lastError, String externalId, Instant now) {
        return jdbc.sql("UPDATE umhub_delivery SET status = ?, attempts = ?, next_attempt_at = ?, last_status = ?,"
                        + " last_error = ?, external_id = COALESCE(?, external_id), claimed_by = NULL, claimed_until = NULL,"
                        + " updated_at = ?, delivered_at = CASE WHEN ? = 'delivered' THEN ? ELSE delivered_at END"
                        + " WHERE id = ? AND claimed_by = ?")
                .params(status.column(), attempts, Timestamps.param(nextAttemptAt), lastStatus, lastError, externalId,
                        Timestamps.param(now), status.column(), Timestamps.param(now), id, owner)
                .update() == 1;
    }

    public void addAttempt(String deliveryId, DeliveryAttempt a) {
        jdbc.sql("INSERT INTO umhub_delivery_attempt (delivery_id, attempt, started_at, duration_ms, outcome,"
                        + " http_status, error_class, response_excerpt, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(deliveryId, a.attempt(), Timestamps.param(a.startedAt()), a.durationMs(), a.outcome(),
                        a.httpStatus(), a.errorClass(), a.responseExcerpt(), Timestamps.param(a.nextAttemptAt()))
                .update();
    }

    /** A dead letter goes back to pending, due now, with a fresh round of attempts. */
    public boolean replay(String id, Instant now) {
        return jdbc.sql("UPDATE umhub_delivery SET status = 'pending', attempts = 0, replays = replays + 1,"
                        + " next_attempt_at = ?, claimed_by = NULL, claimed_until = NULL, updated_at = ?"
                        + " WHERE id = ? AND status = 'dead'")
                .params(Timestamps.param(now), Timestamps.param(now), id).update() == 1;
    }

    public Optional<Delivery> findById(String id) {
        return jdbc.sql("SELECT " + COLUMNS + FROM + " WHERE d.id = ?").param(id).query(this::row).optional()
                .map(d -> d.withAttempts(attempts(d.id())));
    }

    public List<Delivery> forEvent(String eventId) {
        return jdbc.sql("SELECT " + COLUMNS + FROM + " WHERE d.event_id = ? ORDER BY d.destination").param(eventId)
                .query(this::row).list().stream().map(d -> d.withAttempts(attempts(d.id()))).toList();
    }

    /** Dead letters, most recently failed first, each with its attempts. */
    public List<Delivery> deadLetters(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + FROM + " WHERE d.status = 'dead' ORDER BY d.updated_at DESC LIMIT ?")
                .param(limit).query(this::row).list().stream().map(d -> d.withAttempts(attempts(d.id()))).toList();
    }

    public List<DeliveryAttempt> attempts(String deliveryId) {
        return jdbc.sql("SELECT attempt, started_at, duration_ms, outcome, http_status, error_class, response_excerpt,"
                        + " next_attempt_at FROM umhub_delivery_attempt WHERE delivery_id = ? ORDER BY id")
                .param(deliveryId)
                .query((rs, n) -> new DeliveryAttempt(rs.getInt("attempt"), Timestamps.get(rs, "started_at"),
                        rs.getLong("duration_ms"), rs.getString("outcome"), (Integer) rs.getObject("http_status"),
                        rs.getString("error_class"), rs.getString("response_excerpt"),
                        Timestamps.get(rs, "next_attempt_at")))
                .list();
    }

    private Delivery row(ResultSet rs, int n) throws SQLException {
        return new Delivery(rs.getString("id"), rs.getString("event_id"), rs.getString("event_type"),
                rs.getString("customer_id"), rs.getString("destination"), json.read(rs.getString("actions")),
                json.read(rs.getString("rules")), DeliveryStatus.of(rs.getString("status")),
                json.read(rs.getString("request")), rs.getInt("attempts"), rs.getInt("replays"),
                Timestamps.get(rs, "next_attempt_at"), (Integer) rs.getObject("last_status"),
                rs.getString("last_error"), rs.getString("note"), rs.getString("external_id"),
                Timestamps.get(rs, "created_at"), Timestamps.get(rs, "updated_at"), Timestamps.get(rs, "delivered_at"),
                List.of());
    }
}

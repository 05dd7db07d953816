package dev.umhub.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
            + " d.error_class, d.note, d.external_id, d.created_at, d.updated_at, d.delivered_at";
    private static final String FROM = " FROM umhub_delivery d JOIN umhub_event e ON e.id = d.event_id";

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate template;
    private final Json json;

    public DeliveryStore(Store store, Json json) {
        this.jdbc = store.jdbc();
        this.template = store.template();
        this.json = json;
    }

    private static final String INSERT = "INSERT INTO umhub_delivery (id, event_id, destination, order_key, actions,"
            + " rules, status, request, next_attempt_at, last_error, error_class, note, content_key, created_at,"
            + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    public void insert(NewDelivery d) {
        jdbc.sql(INSERT).params(params(d)).update();
    }

    /** Many outbox rows in one JDBC batch, in this order. */
    public void insertAll(List<NewDelivery> rows) {
        template.batchUpdate(INSERT, rows.stream().map(DeliveryStore::params).toList());
    }

    private static Object[] params(NewDelivery d) {
        return new Object[] {d.id(), d.eventId(), d.destination(), d.orderKey(), d.actions(), d.rules(),
                d.status().column(), d.request(), Timestamps.param(d.nextAttemptAt()), d.lastError(), d.errorClass(),
                d.note(), d.contentKey(), Timestamps.param(d.createdAt()), Timestamps.param(d.createdAt())};
    }

    /** Whether a delivery to this destination and order key exists for an event received after the given time. */
    public boolean hasLaterEvent(String destination, String orderKey, Instant receivedAt) {
        return jdbc.sql("SELECT 1" + FROM + " WHERE d.destination = ? AND d.order_key = ? AND e.received_at > ? LIMIT 1")
                .params(destination, orderKey, Timestamps.param(receivedAt)).query(Integer.class).optional().isPresent();
    }

    /** Why a delivery was not sent: the customer's last delivered one to the destination had the same content. */
    public static final String UNCHANGED_NOTE = "unchanged: the customer's last delivered request to this destination"
            + " had the same content; nothing would change there";

    /**
     * Of these rows claimed by this owner, marks skipped those whose content equals that of the newest delivered row
     * of the same customer and destination (one CRM write per real change), and returns their ids. Rows of one
     * customer go out in order, so the one before has been delivered, or has failed for good, by then.
     */
    public int skipUnchanged(List<String> ids, String owner, Instant now) {
        if (ids.isEmpty()) {
            return 0;
        }
        List<Object> params = new java.util.ArrayList<>(List.of(UNCHANGED_NOTE, Timestamps.param(now)));
        params.addAll(ids);
        params.add(owner);
        return jdbc.sql("UPDATE umhub_delivery d SET status = 'skipped', note = ?, claimed_by = NULL,"
                        + " claimed_until = NULL, updated_at = ? WHERE d.id IN (" + placeholders(ids.size()) + ")"
                        + " AND d.claimed_by = ? AND d.status = 'pending' AND d.content_key IS NOT NULL"
                        + " AND d.content_key = (SELECT p.content_key FROM umhub_delivery p"
                        + " WHERE p.destination = d.destination AND p.order_key = d.order_key AND p.status = 'delivered'"
                        + " AND p.seq < d.seq ORDER BY p.seq DESC LIMIT 1)")
                .params(params).update();
    }

    /**
     * The due heads of a destination's queue: pending, due, unclaimed, with no earlier pending row of their customer;
     * with {@code batching}, whether rows of the same customer wait behind each. Public for plan checks.
     */
    public static String dueStatement(boolean batching) {
        return "SELECT d.id, d.order_key"
                // whether rows of the same customer wait behind it: only those customers need a second look
                + (batching ? ", EXISTS (SELECT 1 FROM umhub_delivery f WHERE f.destination = d.destination"
                        + " AND f.order_key = d.order_key AND f.status = 'pending' AND f.seq > d.seq)" : ", FALSE")
                + " FROM umhub_delivery d WHERE d.destination = ?"
                + " AND d.status = 'pending' AND d.next_attempt_at <= ?"
                + " AND (d.claimed_until IS NULL OR d.claimed_until < ?)"
                // OFFSET 0: PostgreSQL must not turn this into an anti-join, which on a table it has no statistics
                // for yet (a new store) read every pending row of the destination for each row due; as a subquery
                // per row it is one look-up in the order index
                + " AND NOT EXISTS (SELECT 1 FROM umhub_delivery e WHERE e.destination = d.destination"
                + " AND e.order_key = d.order_key AND e.status = 'pending' AND e.seq < d.seq OFFSET 0 ROWS)"
                + " ORDER BY d.destination, d.status, d.next_attempt_at LIMIT ?";
    }

    /**
     * Pending rows of one destination that are due and not claimed, oldest due first, as runs. Only the oldest pending
     * row of each order key qualifies, so one customer's deliveries go out one at a time and in event order: a row
     * waiting for its retry holds back the rows behind it until it is delivered or becomes a dead letter. For a
     * destination that takes several events of one customer in one request (GA4, {@code perCustomer} above 1), each
     * run goes on with the pending rows of the same customer queued behind its first (up to {@code perCustomer} in
     * all), in event order and only as far as they are due and unclaimed, so nothing overtakes an earlier event. Rows
     * not ordered by customer come alone.
     */
    public List<List<String>> dueRuns(String destination, Instant now, int limit, int perCustomer) {
        record Due(String id, String orderKey, boolean followed) {
        }
        boolean batching = perCustomer > 1;
        List<Due> heads = jdbc.sql(dueStatement(batching))
                .params(destination, Timestamps.param(now), Timestamps.param(now), limit)
                .query((rs, n) -> new Due(rs.getString(1), rs.getString(2), rs.getBoolean(3))).list();
        List<Due> followed = heads.stream()
                .filter(h -> h.followed() && h.orderKey() != null && h.orderKey().startsWith("customer/")).toList();
        Map<String, List<Queued>> queues = followed.isEmpty() ? Map.of() : queued(destination, followed.stream()
                .map(Due::orderKey).toList(), perCustomer, now);
        List<List<String>> runs = new java.util.ArrayList<>();
        for (Due head : heads) {
            List<Queued> queue = head.orderKey() == null ? null : queues.get(head.orderKey());
            runs.add(queue == null ? List.of(head.id())
                    : queue.stream().takeWhile(Queued::takeable).map(Queued::id).toList());
        }
        runs.removeIf(List::isEmpty);
        return runs;
    }

    private record Queued(String id, boolean takeable) {
    }

    /** The first {@code perKey} pending rows of each order key, in order, each with whether it may be taken now. */
    private Map<String, List<Queued>> queued(String destination, List<String> orderKeys, int perKey, Instant now) {
        List<Object> params = new java.util.ArrayList<>();
        orderKeys.forEach(key -> params.addAll(List.of(destination, key, perKey)));
        Map<String, List<Queued>> queues = new java.util.HashMap<>();
        jdbc.sql(queuedStatement(orderKeys.size()))
                .params(params)
                .query(rs -> {
                    Instant claimedUntil = Timestamps.get(rs, "claimed_until");
                    boolean takeable = !Timestamps.get(rs, "next_attempt_at").isAfter(now)
                            && (claimedUntil == null || claimedUntil.isBefore(now));
                    queues.computeIfAbsent(rs.getString("order_key"), k -> new java.util.ArrayList<>())
                            .add(new Queued(rs.getString("id"), takeable));
                });
        return queues;
    }

    /**
     * The first pending rows of {@code n} order keys of one destination, in event order: a query per key, each read
     * from the order index by destination, key and status, joined by {@code UNION ALL}. With {@code destination = ?
     * AND order_key IN (...)} H2 read every row the destination ever had, and with the keys joined as a table of values
     * every pending row of the destination (its whole backlog).
     */
    static String queuedStatement(int n) {
        String oneKey = "(SELECT id, order_key, seq, next_attempt_at, claimed_until FROM umhub_delivery"
                + " WHERE destination = ? AND order_key = ? AND status = 'pending' ORDER BY seq LIMIT ?)";
        return String.join(" UNION ALL ", java.util.Collections.nCopies(n, oneKey)) + " ORDER BY order_key, seq";
    }

    /** Gives up this instance's claims (on shutdown), so their rows can be taken at once. */
    public int releaseClaims(String owner) {
        return jdbc.sql("UPDATE umhub_delivery SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = ?"
                + " AND status = 'pending'").param(owner).update();
    }

    /** How many rows one destination has in one status. */
    public record Count(String destination, DeliveryStatus status, long n) {
    }

    public List<Count> counts() {
        return jdbc.sql("SELECT destination, status, COUNT(*) AS n FROM umhub_delivery GROUP BY destination, status"
                        + " ORDER BY destination, status")
                .query((rs, i) -> new Count(rs.getString("destination"), DeliveryStatus.of(rs.getString("status")),
                        rs.getLong("n")))
                .list();
    }

    /**
     * What one destination has still to send: its pending rows (due now, claimed, or waiting for a retry) and the
     * earliest time one of them was or is due; null when none is pending.
     */
    public record Backlog(String destination, long pending, Instant earliestDue) {
    }

    /**
     * Every destination's backlog in one statement over the pending rows only (the status index), however many rows
     * were delivered: what the metrics read, a few times a minute. Destinations without pending rows are left out.
     */
    public List<Backlog> backlogs() {
        return jdbc.sql("SELECT destination, COUNT(*) AS n, MIN(next_attempt_at) AS earliest_due FROM umhub_delivery"
                        + " WHERE status = 'pending' GROUP BY destination ORDER BY destination")
                .query((rs, i) -> new Backlog(rs.getString("destination"), rs.getLong("n"),
                        Timestamps.get(rs, "earliest_due")))
                .list();
    }

    /**
     * Takes rows for an attempt in one statement; returns those this owner got, in the order given (another instance
     * may have taken some since they were listed as due).
     */
    public List<String> claimAll(List<String> ids, String owner, Instant now, Instant until) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String marks = placeholders(ids.size());
        List<Object> params = new java.util.ArrayList<>(List.of(owner, Timestamps.param(until)));
        params.addAll(ids);
        params.add(Timestamps.param(now));
        jdbc.sql("UPDATE umhub_delivery SET claimed_by = ?, claimed_until = ? WHERE id IN (" + marks + ")"
                + " AND status = 'pending' AND (claimed_until IS NULL OR claimed_until < ?)").params(params).update();
        List<Object> mine = new java.util.ArrayList<>(ids);
        mine.add(owner);
        java.util.Set<String> got = new java.util.HashSet<>(jdbc.sql("SELECT id FROM umhub_delivery WHERE id IN ("
                + marks + ") AND claimed_by = ?").params(mine).query(String.class).list());
        return ids.stream().filter(got::contains).toList();
    }

    /** Extends this owner's claim on a row; false when the row is no longer pending or no longer this owner's. */
    public boolean renewClaim(String id, String owner, Instant until) {
        return jdbc.sql("UPDATE umhub_delivery SET claimed_until = ? WHERE id = ? AND claimed_by = ? AND status = 'pending'")
                .params(Timestamps.param(until), id, owner).update() == 1;
    }

    /**
     * Extends this owner's claims on rows whose calls are still running, so that no other worker or instance takes
     * them over while a slow provider has not answered yet. Returns how many were extended.
     */
    public int renewClaims(java.util.Collection<String> ids, String owner, Instant until) {
        if (ids.isEmpty()) {
            return 0;
        }
        List<Object> params = new java.util.ArrayList<>(List.of(Timestamps.param(until), owner));
        params.addAll(ids);
        return jdbc.sql("UPDATE umhub_delivery SET claimed_until = ? WHERE claimed_by = ? AND status = 'pending'"
                + " AND id IN (" + placeholders(ids.size()) + ")").params(params).update();
    }

    /** Gives claimed rows back before their attempt (they did not fit in a request), so the next poll takes them. */
    public void releaseClaims(java.util.Collection<String> ids, String owner) {
        if (ids.isEmpty()) {
            return;
        }
        List<Object> params = new java.util.ArrayList<>(ids);
        params.add(owner);
        jdbc.sql("UPDATE umhub_delivery SET claimed_by = NULL, claimed_until = NULL WHERE id IN ("
                + placeholders(ids.size()) + ") AND claimed_by = ?").params(params).update();
    }

    /** The end of an attempt, fenced by the claim (see {@link #finishAll}). */
    private static final String FINISH = "UPDATE umhub_delivery SET status = ?, attempts = ?, next_attempt_at = ?,"
            + " last_status = ?, last_error = ?, error_class = ?, external_id = COALESCE(?, external_id),"
            + " claimed_by = NULL, claimed_until = NULL, updated_at = ?,"
            + " delivered_at = CASE WHEN ? = 'delivered' THEN ? ELSE delivered_at END WHERE id = ? AND claimed_by = ?";

    private static final String ADD_ATTEMPT = "INSERT INTO umhub_delivery_attempt (delivery_id, attempt, started_at,"
            + " duration_ms, outcome, http_status, error_class, response_excerpt, next_attempt_at, request)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private Object[] attemptParams(String deliveryId, DeliveryAttempt a) {
        return new Object[]{deliveryId, a.attempt(), Timestamps.param(a.startedAt()), a.durationMs(), a.outcome(),
                a.httpStatus(), a.errorClass(), a.responseExcerpt(), Timestamps.param(a.nextAttemptAt()),
                a.request() == null ? null : json.write(a.request())};
    }

    /** An attempt's end for one row, as {@link #finishAll} records it. */
    public record Finish(String id, DeliveryStatus status, int attempts, Instant nextAttemptAt, Integer lastStatus,
                         String lastError, String errorClass, String externalId, Instant now) {
    }

    /**
     * Records the end of an attempt for many rows in one JDBC batch, each fenced by the owner's claim: if the lease ran
     * out and someone else took a row, the late answer changes nothing for it.
     *
     * @return per row, whether it was still this owner's and is now recorded
     */
    public boolean[] finishAll(List<Finish> rows, String owner) {
        List<Object[]> params = rows.stream().map(f -> new Object[]{f.status().column(), f.attempts(),
                Timestamps.param(f.nextAttemptAt()), f.lastStatus(), f.lastError(), f.errorClass(), f.externalId(),
                Timestamps.param(f.now()), f.status().column(), Timestamps.param(f.now()), f.id(), owner}).toList();
        int[] counts = template.batchUpdate(FINISH, params);
        boolean[] done = new boolean[counts.length];
        for (int i = 0; i < counts.length; i++) {
            // a driver that cannot count per statement in a batch says SUCCESS_NO_INFO: the fence held or was a no-op
            done[i] = counts[i] == 1 || counts[i] == java.sql.Statement.SUCCESS_NO_INFO;
        }
        return done;
    }

    /** Attempts of many rows in one JDBC batch. */
    public void addAttempts(List<java.util.Map.Entry<String, DeliveryAttempt>> attempts) {
        template.batchUpdate(ADD_ATTEMPT, attempts.stream().map(e -> attemptParams(e.getKey(), e.getValue())).toList());
    }

    /** A dead letter goes back to pending, due now, with a fresh round of attempts. */
    public boolean replay(String id, Instant now) {
        return jdbc.sql("UPDATE umhub_delivery SET status = 'pending', attempts = 0, replays = replays + 1,"
                        + " next_attempt_at = ?, claimed_by = NULL, claimed_until = NULL, updated_at = ?"
                        + " WHERE id = ? AND status = 'dead'")
                .params(Timestamps.param(now), Timestamps.param(now), id).update() == 1;
    }

    /** One delivery with its attempt history, as the admin API shows it. */
    public Optional<Delivery> findById(String id) {
        return findRow(id).map(d -> d.withAttempts(attempts(d.id())));
    }

    /** One delivery without its history: what an attempt needs, one query instead of two on the delivery path. */
    public Optional<Delivery> findRow(String id) {
        return jdbc.sql("SELECT " + COLUMNS + FROM + " WHERE d.id = ?").param(id).query(this::row).optional();
    }

    /** Several rows without their history, in the order of the ids given; ids no longer stored are left out. */
    public List<Delivery> findRows(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String marks = placeholders(ids.size());
        java.util.Map<String, Delivery> byId = new java.util.HashMap<>();
        jdbc.sql("SELECT " + COLUMNS + FROM + " WHERE d.id IN (" + marks + ")").params(List.copyOf(ids))
                .query(this::row).list().forEach(d -> byId.put(d.id(), d));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    /** The destinations an event has a delivery to, whatever its state. */
    public java.util.Set<String> destinationsOf(String eventId) {
        return new java.util.HashSet<>(jdbc.sql("SELECT destination FROM umhub_delivery WHERE event_id = ?")
                .param(eventId).query(String.class).list());
    }

    public List<Delivery> forEvent(String eventId) {
        return jdbc.sql("SELECT " + COLUMNS + FROM + " WHERE d.event_id = ? ORDER BY d.destination").param(eventId)
                .query(this::row).list().stream().map(d -> d.withAttempts(attempts(d.id()))).toList();
    }

    /** Dead letters matching the filter, most recently failed first, each with its attempts. */
    public List<Delivery> deadLetters(DeadLetterFilter filter, int limit) {
        List<Object> params = new java.util.ArrayList<>();
        String where = filter.where(params);
        params.add(limit);
        return jdbc.sql("SELECT " + COLUMNS + FROM + " WHERE " + where + " ORDER BY d.updated_at DESC LIMIT ?")
                .params(params).query(this::row).list().stream().map(d -> d.withAttempts(attempts(d.id()))).toList();
    }

    /** Ids of the dead letters matching the filter, oldest first (the order a bulk replay sends them in). */
    public List<String> deadLetterIds(DeadLetterFilter filter, int limit) {
        List<Object> params = new java.util.ArrayList<>();
        String where = filter.where(params);
        params.add(limit);
        return jdbc.sql("SELECT d.id" + FROM + " WHERE " + where + " ORDER BY d.seq LIMIT ?").params(params)
                .query(String.class).list();
    }

    /** A dead letter re-decided with the current rules: new request, actions and rules, then a fresh round. */
    public boolean replayWith(String id, String actions, String rules, String request, String contentKey,
                              Instant now) {
        return jdbc.sql("UPDATE umhub_delivery SET status = 'pending', attempts = 0, replays = replays + 1,"
                        + " actions = ?, rules = ?, request = ?, content_key = ?, next_attempt_at = ?, claimed_by = NULL,"
                        + " claimed_until = NULL, updated_at = ? WHERE id = ? AND status = 'dead'")
                .params(actions, rules, request, contentKey, Timestamps.param(now), Timestamps.param(now), id)
                .update() == 1;
    }

    /** A dead letter that the current rules no longer send: kept, marked skipped with the reason. */
    public boolean skipDeadLetter(String id, String note, Instant now) {
        return jdbc.sql("UPDATE umhub_delivery SET status = 'skipped', note = ?, updated_at = ? WHERE id = ?"
                        + " AND status = 'dead'").params(note, Timestamps.param(now), id).update() == 1;
    }

    public List<DeliveryAttempt> attempts(String deliveryId) {
        return jdbc.sql("SELECT attempt, started_at, duration_ms, outcome, http_status, error_class, response_excerpt,"
                        + " next_attempt_at, request FROM umhub_delivery_attempt WHERE delivery_id = ? ORDER BY id")
                .param(deliveryId)
                .query((rs, n) -> new DeliveryAttempt(rs.getInt("attempt"), Timestamps.get(rs, "started_at"),
                        rs.getLong("duration_ms"), rs.getString("outcome"), (Integer) rs.getObject("http_status"),
                        rs.getString("error_class"), rs.getString("response_excerpt"),
                        Timestamps.get(rs, "next_attempt_at"),
                        rs.getString("request") == null ? null : json.read(rs.getString("request"))))
                .list();
    }

    private Delivery row(ResultSet rs, int n) throws SQLException {
        return new Delivery(rs.getString("id"), rs.getString("event_id"), rs.getString("event_type"),
                rs.getString("customer_id"), rs.getString("destination"), json.read(rs.getString("actions")),
                json.read(rs.getString("rules")), DeliveryStatus.of(rs.getString("status")),
                json.read(rs.getString("request")), rs.getInt("attempts"), rs.getInt("replays"),
                Timestamps.get(rs, "next_attempt_at"), (Integer) rs.getObject("last_status"),
                rs.getString("last_error"), rs.getString("error_class"), rs.getString("note"), rs.getString("external_id"),
                Timestamps.get(rs, "created_at"), Timestamps.get(rs, "updated_at"), Timestamps.get(rs, "delivered_at"),
                List.of());
    }

    /** "?, ?, ?" for an IN list of n parameters (the other stores of this package use it too). */
    static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}

package dev.umhub.store;

import dev.umhub.support.Chunks;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The intake journal ({@code umhub_intake}). Appending a known idempotency key throws DuplicateKeyException: that is
 * the dedup check of what senders send.
 */
@Repository
public class IntakeStore {

    /**
     * Every column but the body, which processing reads apart ({@link #body}) and an event's detail through its
     * {@code intake_seq} (EventStore); listings and claims do without it.
     */
    private static final String COLUMNS = "seq, id, idempotency_key, source, origin, event_type, received_at,"
            + " NULL AS body, destination, action, sender, state, attempts, error, event_id, processed_at";
    /** Bodies per statement of {@link #bodies}. */
    private static final int BODIES_PER_STATEMENT = 100;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    /** Instances sharing a PostgreSQL store each take their own pending messages. */
    private final String claim;

    public IntakeStore(Store store) {
        this.jdbc = store.jdbc();
        this.template = store.template();
        this.claim = store.isPostgres() ? " FOR UPDATE SKIP LOCKED" : "";
    }

    public void append(IntakeRecord r) {
        jdbc.sql("INSERT INTO umhub_intake (id, idempotency_key, source, origin, event_type, received_at, body,"
                        + " destination, action, sender, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(r.id(), r.idempotencyKey(), r.source(), r.origin(), r.type(), Timestamps.param(r.receivedAt()),
                        r.body(), r.destination(), r.action(), r.sender(), IntakeRecord.PENDING)
                .update();
    }

    public Optional<IntakeRecord> findByKey(String idempotencyKey) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM umhub_intake WHERE idempotency_key = ?").param(idempotencyKey)
                .query(IntakeStore::row).optional();
    }

    /** The newest message the 202 named with this id. */
    public Optional<IntakeRecord> findById(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM umhub_intake WHERE id = ? ORDER BY seq DESC LIMIT 1").param(id)
                .query(IntakeStore::row).optional();
    }

    /**
     * The oldest messages not processed yet, in the order they arrived, without their bodies (the process that
     * appended them usually holds them still: see {@link #body}). Inside a transaction on PostgreSQL they stay this
     * transaction's until it ends, and another instance takes the next ones.
     */
    public List<IntakeRecord> pending(int limit) {
        return jdbc.sql("SELECT " + COLUMNS
                        // "state, seq": the index's own order, so the store reads the first rows of the index and
                        // stops (ordered by seq alone it reads and sorts every pending row: the whole backlog)
                        + " FROM umhub_intake WHERE state = ? ORDER BY state, seq LIMIT ?" + claim)
                .params(IntakeRecord.PENDING, limit).query(IntakeStore::row).list();
    }

    /** Takes one pending message for this transaction; false when it is processed or another instance has it. */
    public boolean claim(long seq) {
        return !jdbc.sql("SELECT seq FROM umhub_intake WHERE seq = ? AND state = ?" + claim)
                .params(seq, IntakeRecord.PENDING).query(Long.class).list().isEmpty();
    }

    /** A message's body as it was appended. */
    public String body(long seq) {
        return jdbc.sql("SELECT body FROM umhub_intake WHERE seq = ?").param(seq).query(String.class).single();
    }

    /**
     * Many messages' bodies by seq, in statements of at most 100 (on PostgreSQL one round trip each instead of one per
     * message); a seq without a row is left out.
     */
    public Map<Long, String> bodies(List<Long> seqs) {
        Map<Long, String> bodies = new HashMap<>();
        for (List<Long> chunk : Chunks.of(seqs, BODIES_PER_STATEMENT)) {
            jdbc.sql("SELECT seq, body FROM umhub_intake WHERE seq IN (" + DeliveryStore.placeholders(chunk.size())
                    + ")").params(chunk).query(rs -> {
                        bodies.put(rs.getLong("seq"), rs.getString("body"));
                    });
        }
        return bodies;
    }

    /** Newest first, in one state. */
    public List<IntakeRecord> inState(String state, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM umhub_intake WHERE state = ? ORDER BY seq DESC LIMIT ?")
                .params(state, limit).query(IntakeStore::row).list();
    }

    /** How many messages are in each state. */
    public Map<String, Long> counts() {
        Map<String, Long> out = new java.util.TreeMap<>();
        jdbc.sql("SELECT state, COUNT(*) AS n FROM umhub_intake GROUP BY state")
                .query(rs -> { out.put(rs.getString("state"), rs.getLong("n")); });
        return out;
    }

    /** Whether a message with this id (the id a 202 named) is in the journal. */
    public boolean exists(String id) {
        return !jdbc.sql("SELECT 1 FROM umhub_intake WHERE id = ? LIMIT 1").param(id).query(Integer.class).list().isEmpty();
    }

    /** A source's messages by origin (a webhook's slug): how many the journal holds, in which state, the newest's time. */
    public Map<String, OriginCount> countsByOrigin(String source) {
        Map<String, OriginCount> out = new java.util.TreeMap<>();
        jdbc.sql("SELECT origin, COUNT(*) AS n, SUM(CASE WHEN state = 'pending' THEN 1 ELSE 0 END) AS pending,"
                        + " SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END) AS failed, MAX(received_at) AS last"
                        + " FROM umhub_intake WHERE source = ? GROUP BY origin").param(source)
                .query(rs -> {
                    out.put(rs.getString("origin"), new OriginCount(rs.getLong("n"), rs.getLong("pending"),
                            rs.getLong("failed"), Timestamps.get(rs, "last")));
                });
        return out;
    }

    /** @param received messages the journal holds (processed ones leave it after the retention period) */
    public record OriginCount(long received, long pending, long failed, Instant lastReceivedAt) {
    }

    /** Marks messages processed, each with the event it became, in one batch of statements. */
    public void processed(Map<Long, String> eventIdBySeq, Instant at) {
        Object when = Timestamps.param(at);
        List<Object[]> args = eventIdBySeq.entrySet().stream()
                .map(e -> new Object[] {e.getValue(), when, e.getKey()}).toList();
        template.batchUpdate("UPDATE umhub_intake SET state = 'processed', event_id = ?, processed_at = ?, error = NULL,"
                + " attempts = attempts + 1 WHERE seq = ?", args);
    }

    /** Keeps a message whose processing threw, with its error, out of the pending ones until it is reprocessed. */
    public void failed(long seq, String error, Instant at) {
        String kept = error == null || error.length() <= 4000 ? error : error.substring(0, 3999) + "…";
        jdbc.sql("UPDATE umhub_intake SET state = 'failed', error = ?, processed_at = ?, attempts = attempts + 1"
                        + " WHERE seq = ? AND state = 'pending'")
                .params(kept, Timestamps.param(at), seq).update();
    }

    /** Puts failed messages back in line: one by id, or all when id is null. */
    public int reprocess(String id) {
        return id == null
                ? jdbc.sql("UPDATE umhub_intake SET state = 'pending' WHERE state = 'failed'").update()
                : jdbc.sql("UPDATE umhub_intake SET state = 'pending' WHERE state = 'failed' AND id = ?").param(id)
                        .update();
    }

    private static IntakeRecord row(ResultSet rs, int n) throws SQLException {
        return new IntakeRecord(rs.getLong("seq"), rs.getString("id"), rs.getString("idempotency_key"),
                rs.getString("source"), rs.getString("origin"), rs.getString("event_type"),
                Timestamps.get(rs, "received_at"), rs.getString("body"), rs.getString("destination"),
                rs.getString("action"), rs.getString("sender"), rs.getString("state"), rs.getInt("attempts"),
                rs.getString("error"), rs.getString("event_id"), Timestamps.get(rs, "processed_at"));
    }
}

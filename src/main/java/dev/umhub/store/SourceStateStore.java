package dev.umhub.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Where each polled source stands, durably: per stream its cursor and whether the baseline is done; per source its
 * health and a lease, so only one of several instances sharing the store polls at a time.
 */
@Repository
public class SourceStateStore {

    /** The stream name of a source's own row (health and lease). */
    public static final String SOURCE_ROW = "*";

    /** One stream's position: the cursor it resumes from, and whether its first full read is done. */
    public record Stream(String stream, String cursor, boolean baselineDone, Instant updatedAt) {
    }

    /** A source's health, as {@code GET /api/sources} shows it. */
    public record Health(Instant lastSuccessAt, String lastError, Instant lastErrorAt, int failures,
                         Instant nextAttemptAt) {
    }

    private final JdbcClient jdbc;

    public SourceStateStore(Store store) {
        this.jdbc = store.jdbc();
    }

    public Optional<Stream> stream(String source, String stream) {
        return jdbc.sql("SELECT stream, cursor_value, baseline_done, updated_at FROM umhub_source_state"
                        + " WHERE source = ? AND stream = ?").params(source, stream)
                .query((rs, n) -> new Stream(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                        Timestamps.get(rs, "updated_at"))).optional();
    }

    public List<Stream> streams(String source) {
        return jdbc.sql("SELECT stream, cursor_value, baseline_done, updated_at FROM umhub_source_state"
                        + " WHERE source = ? AND stream <> ? ORDER BY stream").params(source, SOURCE_ROW)
                .query((rs, n) -> new Stream(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                        Timestamps.get(rs, "updated_at"))).list();
    }

    public void saveCursor(String source, String stream, String cursor, boolean baselineDone, Instant now) {
        ensure(source, stream, now);
        jdbc.sql("UPDATE umhub_source_state SET cursor_value = ?, baseline_done = ?, updated_at = ?"
                        + " WHERE source = ? AND stream = ?")
                .params(cursor, baselineDone, Timestamps.param(now), source, stream).update();
    }

    public Health health(String source) {
        return jdbc.sql("SELECT last_success_at, last_error, last_error_at, failures, next_attempt_at FROM umhub_source_state"
                        + " WHERE source = ? AND stream = ?").params(source, SOURCE_ROW)
                .query((rs, n) -> new Health(Timestamps.get(rs, "last_success_at"), rs.getString("last_error"),
                        Timestamps.get(rs, "last_error_at"), rs.getInt("failures"),
                        Timestamps.get(rs, "next_attempt_at")))
                .optional().orElse(new Health(null, null, null, 0, null));
    }

    /**
     * Takes the source's lease when it is free (or ours) and the source is not backing off; false means "not now".
     */
    public boolean claim(String source, String owner, Instant now, Instant until) {
        ensure(source, SOURCE_ROW, now);
        return jdbc.sql("UPDATE umhub_source_state SET lease_owner = ?, lease_until = ? WHERE source = ? AND stream = ?"
                        + " AND (lease_owner IS NULL OR lease_owner = ? OR lease_until < ?)"
                        + " AND (next_attempt_at IS NULL OR next_attempt_at <= ?)")
                .params(owner, Timestamps.param(until), source, SOURCE_ROW, owner, Timestamps.param(now),
                        Timestamps.param(now)).update() == 1;
    }

    public void release(String source, String owner) {
        jdbc.sql("UPDATE umhub_source_state SET lease_owner = NULL, lease_until = NULL WHERE source = ? AND stream = ?"
                + " AND lease_owner = ?").params(source, SOURCE_ROW, owner).update();
    }

    public void succeeded(String source, Instant now) {
        jdbc.sql("UPDATE umhub_source_state SET last_success_at = ?, failures = 0, next_attempt_at = NULL, updated_at = ?"
                + " WHERE source = ? AND stream = ?").params(Timestamps.param(now), Timestamps.param(now), source,
                SOURCE_ROW).update();
    }

    public void failed(String source, String error, Instant now, Instant nextAttemptAt) {
        String text = error == null ? "unknown error" : error.length() > 1000 ? error.substring(0, 1000) : error;
        jdbc.sql("UPDATE umhub_source_state SET last_error = ?, last_error_at = ?, failures = failures + 1,"
                        + " next_attempt_at = ?, updated_at = ? WHERE source = ? AND stream = ?")
                .params(text, Timestamps.param(now), Timestamps.param(nextAttemptAt), Timestamps.param(now), source,
                        SOURCE_ROW).update();
    }

    private void ensure(String source, String stream, Instant now) {
        if (stream(source, stream).isPresent()) {
            return;
        }
        try {
            jdbc.sql("INSERT INTO umhub_source_state (source, stream, baseline_done, failures, updated_at)"
                    + " VALUES (?, ?, FALSE, 0, ?)").params(source, stream, Timestamps.param(now)).update();
        } catch (DuplicateKeyException raced) {
            // another instance created it at the same moment: the row is there, which is all we need
        }
    }
}

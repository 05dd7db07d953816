package dev.umhub.store;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Refused messages kept for inspection: why, from where, and the body as the caller cut and masked it. Bodies are
 * stored as text (invalid UTF-8 shows as replacement characters) and only ever served as JSON strings.
 */
@Repository
public class QuarantineStore {

    /**
     * One refused message. The path never carries the query string: the token lives there.
     *
     * @param body      the kept part of the body, as text
     * @param bodyBytes the size that arrived (or was declared)
     * @param truncated whether {@code body} is only a part of it
     */
    public record Refusal(String route, String path, String remoteAddress, String contentType, int status,
                          String reason, String body, long bodyBytes, boolean truncated) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    public QuarantineStore(Store store, Clock clock) {
        this.jdbc = store.jdbc();
        this.clock = clock;
    }

    public void add(Refusal r) {
        String text = r.body() == null ? "" : r.body().replace('\u0000', '\uFFFD'); // PostgreSQL text cannot hold NUL
        jdbc.sql("INSERT INTO umhub_quarantine (received_at, route, path, remote_address, content_type, status, reason,"
                        + " body_bytes, body_truncated, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(Timestamps.param(clock.instant()), cut(r.route(), 128), cut(r.path(), 512),
                        cut(r.remoteAddress(), 64), cut(r.contentType(), 256), r.status(), cut(r.reason(), 1000),
                        r.bodyBytes(), r.truncated(), text)
                .update();
    }

    /** Newest first. */
    public List<Map<String, Object>> newest(int limit) {
        return jdbc.sql("SELECT id, received_at, route, path, remote_address, content_type, status, reason, body_bytes,"
                        + " body_truncated, body FROM umhub_quarantine ORDER BY id DESC LIMIT ?")
                .param(limit)
                .query((rs, n) -> {
                    Map<String, Object> row = new java.util.LinkedHashMap<>();
                    row.put("id", rs.getLong("id"));
                    row.put("receivedAt", Timestamps.get(rs, "received_at"));
                    row.put("route", rs.getString("route"));
                    row.put("path", rs.getString("path"));
                    row.put("remoteAddress", rs.getString("remote_address"));
                    row.put("contentType", rs.getString("content_type"));
                    row.put("status", rs.getInt("status"));
                    row.put("reason", rs.getString("reason"));
                    row.put("bodyBytes", rs.getLong("body_bytes"));
                    row.put("bodyTruncated", rs.getBoolean("body_truncated"));
                    row.put("body", rs.getString("body"));
                    return row;
                }).list();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}

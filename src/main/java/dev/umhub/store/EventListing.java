package dev.umhub.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The journal as operators browse it: newest first, filtered, a page at a time. Pages are cut on {@code seq} (keyset,
 * not OFFSET), so the thousandth page of a journal of millions costs what the first does.
 */
public class EventListing {

    private static final String COLUMNS = "e.seq, e.id, e.event_type, e.source, e.origin, e.subject, e.customer_id,"
            + " c.email, e.test, e.received_at, e.rules_version, e.rules_fired, e.decision_error";
    private static final String FROM = " FROM umhub_event e LEFT JOIN umhub_customer c ON c.customer_id = e.customer_id";

    private final JdbcClient jdbc;
    private final Json json;

    public EventListing(Store store, Json json) {
        this.jdbc = store.jdbc();
        this.json = json;
    }

    /** At most {@code limit} events the filter takes, newest first. */
    public List<ListedEvent> page(EventFilter filter, int limit) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        params.add(limit);
        List<ListedEvent> events = jdbc.sql("SELECT " + COLUMNS + FROM + where + " ORDER BY e.seq DESC LIMIT ?")
                .params(params).query((rs, n) -> new ListedEvent(rs.getLong("seq"), rs.getString("id"),
                        rs.getString("event_type"), rs.getString("source"), rs.getString("origin"),
                        rs.getString("subject"), rs.getString("customer_id"), rs.getString("email"),
                        rs.getBoolean("test"), Timestamps.get(rs, "received_at"), rs.getString("rules_version"),
                        json.read(rs.getString("rules_fired")), rs.getString("decision_error"), new EnumMap<>(
                        DeliveryStatus.class))).list();
        countDeliveries(events);
        return events;
    }

    /** One query for the page's deliveries, counted by event and status. */
    private void countDeliveries(List<ListedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Map<String, ListedEvent> byId = new HashMap<>();
        events.forEach(e -> byId.put(e.id(), e));
        jdbc.sql("SELECT event_id, status, COUNT(*) AS n FROM umhub_delivery WHERE event_id IN ("
                        + String.join(", ", Collections.nCopies(byId.size(), "?")) + ") GROUP BY event_id, status")
                .params(List.copyOf(byId.keySet()))
                .query(rs -> {
                    byId.get(rs.getString("event_id")).deliveries()
                            .put(DeliveryStatus.of(rs.getString("status")), rs.getLong("n"));
                });
    }

    private static String where(EventFilter f, List<Object> params) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (f.before() != null) {
            where.append(" AND e.seq < ?");
            params.add(f.before());
        }
        if (f.type() != null) {
            where.append(" AND e.event_type = ?");
            params.add(f.type());
        }
        if (f.customerId() != null) {
            where.append(" AND e.customer_id = ?");
            params.add(f.customerId());
        }
        if (f.email() != null) {
            where.append(" AND e.customer_id IN (SELECT customer_id FROM umhub_customer WHERE LOWER(email) = ?)");
            params.add(f.email().toLowerCase(Locale.ROOT));
        }
        if (f.from() != null) {
            where.append(" AND e.received_at >= ?");
            params.add(Timestamps.param(f.from()));
        }
        if (f.to() != null) {
            where.append(" AND e.received_at < ?");
            params.add(Timestamps.param(f.to()));
        }
        if (f.status() != null) {
            where.append(status(f.status()));
        }
        return where.toString();
    }

    /** The condition for a status, in the order {@link EventStatus#of(boolean, Map)} decides it. */
    private static String status(EventStatus status) {
        String failed = "e.decision_failed = TRUE";
        return switch (status) {
            case DECISION_FAILED -> " AND " + failed;
            // the rare statuses from the outbox's side (its status index), not by testing every event from the newest
            case DEAD -> " AND NOT " + failed + " AND " + in("dead");
            case PENDING -> " AND NOT " + failed + " AND NOT " + has("'dead'") + " AND " + in("pending");
            case DELIVERED -> " AND NOT " + failed + " AND NOT " + has("'dead', 'pending'") + " AND " + has("'delivered'");
            case SKIPPED -> " AND NOT " + failed + " AND NOT " + has("'dead', 'pending', 'delivered'") + " AND " + has("'skipped'");
            case NONE -> " AND NOT " + failed + " AND NOT " + has("'dead', 'pending', 'delivered', 'skipped'");
        };
    }

    private static String in(String status) {
        return "e.id IN (SELECT event_id FROM umhub_delivery WHERE status = '" + status + "')";
    }

    private static String has(String statuses) {
        return "EXISTS (SELECT 1 FROM umhub_delivery d WHERE d.event_id = e.id AND d.status IN (" + statuses + "))";
    }
}

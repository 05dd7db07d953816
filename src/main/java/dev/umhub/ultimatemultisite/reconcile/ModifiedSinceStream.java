package dev.umhub.ultimatemultisite.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.store.SourceStateStore;
import dev.umhub.ultimatemultisite.lifecycle.EntityKind;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Memberships or payments changed since the cursor, oldest first ({@code orderby=date_modified&order=asc}).
 *
 * <p>The cursor is a {@code date_modified} second, and the platform keeps seconds only, so several objects can share
 * it. Each read therefore starts one second before the cursor (the filter is "after", exclusive) and reads the
 * cursor's own second again: ties are never skipped, and what is read twice is recognised as the same version by the
 * tracker (same {@code date_modified}, same status) and makes no event. Offsets are used only inside one second,
 * when a whole page shares it; otherwise the next page starts from the newest second read.
 */
final class ModifiedSinceStream {

    private final EntityKind kind;
    private final StreamContext ctx;

    ModifiedSinceStream(EntityKind kind, StreamContext ctx) {
        this.kind = kind;
        this.ctx = ctx;
    }

    String name() {
        return kind.value();
    }

    void run() {
        SourceStateStore.Stream state = ctx.cursors().stream(StreamContext.SOURCE, name())
                .orElse(new SourceStateStore.Stream(name(), null, false, null));
        boolean baseline = !state.baselineDone();
        String after = state.cursor();
        int size = ctx.properties().getPageSize();
        int offset = 0;
        for (int page = 0; page < ctx.properties().getMaxPagesPerPoll(); page++) {
            Instant asOf = ctx.clock().instant();
            ArrayNode objects = ctx.client().list(name(), query(after, offset, size));
            String newest = after;
            for (JsonNode o : objects) {
                if (o instanceof ObjectNode object) {
                    String modified = RestObjects.modified(object);
                    ctx.observe(kind, object, asOf, baseline, modified == null ? null : instant(modified));
                    if (modified != null && (newest == null || modified.compareTo(newest) > 0)) {
                        newest = modified;
                    }
                }
            }
            if (objects.size() < size) {
                ctx.cursors().saveCursor(StreamContext.SOURCE, name(), newest, true, ctx.clock().instant());
                return; // caught up
            }
            if (Objects.equals(newest, after)) {
                offset += size; // a whole page inside one second: the same query, next page
            } else {
                after = newest;
                offset = 0;
            }
            ctx.cursors().saveCursor(StreamContext.SOURCE, name(), after, !baseline, ctx.clock().instant());
        }
        // more pages than one poll may read: the next poll goes on from the saved cursor
    }

    private static Map<String, String> query(String after, int offset, int size) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("orderby", "date_modified");
        q.put("order", "asc");
        q.put("number", String.valueOf(size));
        q.put("offset", String.valueOf(offset));
        if (after != null) {
            q.put("date_query[after]", RestObjects.MYSQL.format(instant(after).minusSeconds(1)));
            q.put("date_query[column]", "date_modified");
        }
        return q;
    }

    private static Instant instant(String mysql) {
        return LocalDateTime.parse(mysql, RestObjects.MYSQL).toInstant(ZoneOffset.UTC);
    }
}

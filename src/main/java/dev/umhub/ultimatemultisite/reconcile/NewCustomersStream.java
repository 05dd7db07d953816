package dev.umhub.ultimatemultisite.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.store.SourceStateStore;
import dev.umhub.ultimatemultisite.lifecycle.EntityKind;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * New customers. Customer objects may carry {@code date_modified: null} (seen on a real install), so no date cursor
 * works: the cursor is the highest customer id seen, and each poll reads newest first ({@code orderby=id&order=desc})
 * until it meets an id it knows.
 *
 * <p>Consecutive pages overlap by one object: when the overlap moved to a lower id, customers were deleted between
 * the two reads and the rows shifted up, so the read starts over rather than skip one. The cursor advances only
 * after a complete read, since reading newest first leaves no safe point in between.
 */
final class NewCustomersStream {

    private static final Logger log = LoggerFactory.getLogger(NewCustomersStream.class);
    private static final int RESTARTS = 3;
    /** Customers have no resumable cursor mid-read, so one poll may read this many times the usual pages. */
    private static final int PAGE_ALLOWANCE = 20;

    private final StreamContext ctx;

    NewCustomersStream(StreamContext ctx) {
        this.ctx = ctx;
    }

    String name() {
        return EntityKind.CUSTOMER.value();
    }

    void run() {
        SourceStateStore.Stream state = ctx.cursors().stream(StreamContext.SOURCE, name())
                .orElse(new SourceStateStore.Stream(name(), null, false, null));
        boolean baseline = !state.baselineDone();
        long known = state.cursor() == null ? -1 : Long.parseLong(state.cursor());
        int size = Math.max(2, ctx.properties().getPageSize());
        long highest = known;
        int offset = 0;
        long lastOfPage = -1;
        int restarts = 0;
        for (int page = 0; page < ctx.properties().getMaxPagesPerPoll() * PAGE_ALLOWANCE; page++) {
            Instant asOf = ctx.clock().instant();
            ArrayNode objects = ctx.client().list(name(), query(offset, size));
            if (lastOfPage >= 0 && !objects.isEmpty() && RestObjects.numericId(objects.get(0)) < lastOfPage
                    && restarts++ < RESTARTS) {
                offset = 0; // rows shifted up: a deletion between reads; start over rather than skip a customer
                lastOfPage = -1;
                continue;
            }
            boolean reachedKnown = false;
            for (JsonNode o : objects) {
                if (!(o instanceof ObjectNode object)) {
                    continue;
                }
                long id = RestObjects.numericId(object);
                if (id <= known) {
                    reachedKnown = true;
                    break;
                }
                ctx.observe(EntityKind.CUSTOMER, object, asOf, baseline, RestObjects.registered(object));
                highest = Math.max(highest, id);
            }
            if (reachedKnown || objects.size() < size) {
                ctx.cursors().saveCursor(StreamContext.SOURCE, name(), highest < 0 ? null : String.valueOf(highest),
                        true, ctx.clock().instant());
                return;
            }
            lastOfPage = RestObjects.numericId(objects.get(objects.size() - 1));
            offset += size - 1;
        }
        log.warn("New customers not read to the end in one poll ({} pages); the next poll reads them again",
                ctx.properties().getMaxPagesPerPoll() * PAGE_ALLOWANCE);
    }

    private static Map<String, String> query(int offset, int size) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("orderby", "id");
        q.put("order", "desc");
        q.put("number", String.valueOf(size));
        q.put("offset", String.valueOf(offset));
        return q;
    }
}

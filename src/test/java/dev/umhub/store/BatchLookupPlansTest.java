package dev.umhub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statements that look many keys up at once in the pipeline's hot path read only the rows of those keys, however
 * many rows the store holds: H2's own count of the rows a statement read ({@code EXPLAIN ANALYZE}'s scanCount), on a
 * real (H2 file) store of a few hundred rows, where a statement that reads by the key's first column alone would read
 * them all.
 */
class BatchLookupPlansTest {

    private static final int ROWS = 400;
    private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

    @TempDir
    Path dir;

    private Store store;

    @BeforeEach
    void open() {
        store = TestStores.h2File(dir);
        store.jdbc().sql("INSERT INTO umhub_lifecycle_state (entity_kind, entity_id, status_seq, ever_completed,"
                + " updated_at) SELECT 'customer', 'c' || X, 0, FALSE, CURRENT_TIMESTAMP FROM SYSTEM_RANGE(1, "
                + ROWS + ")").update();
        store.jdbc().sql("INSERT INTO umhub_event (id, idempotency_key, source, origin, event_type, test, received_at,"
                + " payload, data, rules_fired, dispatches) SELECT 'e' || X, 'k' || X, 's', 'o', 'payment.received',"
                + " FALSE, CURRENT_TIMESTAMP, '{}', '{}', '[]', '[]' FROM SYSTEM_RANGE(1, " + ROWS + ")").update();
        // mostly delivered rows, as a running store holds: 40 customers, four of them with ten pending rows each
        store.jdbc().sql("INSERT INTO umhub_delivery (id, event_id, destination, actions, rules, status, request,"
                + " created_at, updated_at, order_key, next_attempt_at) SELECT 'd' || X, 'e' || X, 'ga4', '[]', '[]',"
                + " CASE WHEN MOD(X, 10) = 0 THEN 'pending' ELSE 'delivered' END, '{}', CURRENT_TIMESTAMP,"
                + " CURRENT_TIMESTAMP, 'customer/' || MOD(X, 40), CURRENT_TIMESTAMP FROM SYSTEM_RANGE(1, " + ROWS + ")")
                .update();
        // what H2 does by itself every 2,000 changed rows (ANALYZE_AUTO): its plans follow these statistics
        store.jdbc().sql("ANALYZE").update();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void lockingABatchOfEntitiesReadsOnlyTheirRows() {
        String plan = explain(LifecycleStateStore.lockAllStatement(2), "customer", "c7", "customer", "c300");

        // H2 counts one read past the last row found
        assertThat(scanCount(plan)).as(plan).isLessThanOrEqualTo(2 + 1);
    }

    @Test
    void whichOfABatchsEventsAreKnownIsReadByTheirIds() {
        String plan = explain(EventStore.existingStatement(3), "e7", "e300", "unknown");

        assertThat(scanCount(plan)).as(plan).isLessThanOrEqualTo(3 + 1);
        assertThat(new EventStore(store, new Json()).existing(List.of("e7", "e300", "unknown")))
                .containsExactlyInAnyOrder("e7", "e300");
    }

    @Test
    void theQueuesBehindABatchOfCustomersAreReadByTheirKeys() {
        Object[] params = {"ga4", "customer/10", 4, "ga4", "customer/20", 4};
        String plan = explain(DeliveryStore.queuedStatement(2), params);

        // at most the key's own ten pending rows, and one read past them; not the 40 pending rows of the destination,
        // nor its 400 rows
        assertThat(scanCount(plan)).as(plan).isLessThanOrEqualTo(10 + 1);
        // and it answers what it did before: each key's first rows, by key and in event order
        assertThat(store.jdbc().sql(DeliveryStore.queuedStatement(2)).params(params)
                .query((rs, n) -> Map.entry(rs.getString("order_key"), rs.getLong("seq"))).list())
                .hasSize(8).isSortedAccordingTo(Map.Entry.<String, Long>comparingByKey()
                        .thenComparing(Map.Entry.comparingByValue()))
                .extracting(Map.Entry::getKey).containsOnly("customer/10", "customer/20");
    }

    private String explain(String sql, Object... params) {
        return String.join("\n", store.jdbc().sql("EXPLAIN ANALYZE " + sql).params(List.of(params))
                .query(String.class).list());
    }

    /** The largest scanCount H2 reports for any table of the statement. */
    private static int scanCount(String plan) {
        Matcher m = SCAN_COUNT.matcher(plan);
        int most = -1;
        while (m.find()) {
            most = Math.max(most, Integer.parseInt(m.group(1)));
        }
        assertThat(most).as("a scanCount in " + plan).isNotNegative();
        return most;
    }
}

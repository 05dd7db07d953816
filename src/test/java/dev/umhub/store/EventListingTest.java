package dev.umhub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal as the console browses it, on a real (H2 file) store: every filter, every status, keyset pages. */
class EventListingTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;

    private Store store;
    private EventListing listing;
    private int n;

    @BeforeEach
    void open() {
        store = TestStores.h2File(dir);
        listing = new EventListing(store, new Json());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private String event(String type, String customerId, Instant at, boolean decisionFailed, String... deliveryStatuses) {
        String id = "e" + (++n);
        store.jdbc().sql("INSERT INTO umhub_event (id, idempotency_key, source, origin, event_type, customer_id, test,"
                        + " received_at, payload, data, rules_fired, dispatches, decision_failed, decision_error)"
                        + " VALUES (?, ?, 'ultimate-multisite', 'payment_received', ?, ?, FALSE, ?, '{}', '{}', '[\"r\"]', '[]', ?, ?)")
                .params(id, "k" + n, type, customerId, Timestamps.param(at), decisionFailed,
                        decisionFailed ? "rule \"x\" threw" : null).update();
        int d = 0;
        for (String status : deliveryStatuses) {
            store.jdbc().sql("INSERT INTO umhub_delivery (id, event_id, destination, actions, rules, status, request,"
                            + " created_at, updated_at) VALUES (?, ?, ?, '[]', '[]', ?, '{}', ?, ?)")
                    .params(id + "-" + d, id, "dest" + d++, status, Timestamps.param(at), Timestamps.param(at)).update();
        }
        return id;
    }

    private void customer(String id, String email) {
        store.jdbc().sql("INSERT INTO umhub_customer (customer_id, email, first_seen_at, updated_at) VALUES (?, ?, ?, ?)")
                .params(id, email, Timestamps.param(T0), Timestamps.param(T0)).update();
    }

    private List<String> ids(EventFilter filter) {
        return listing.page(filter, 100).stream().map(ListedEvent::id).toList();
    }

    private static EventFilter status(EventStatus s) {
        return new EventFilter(null, null, null, s, null, null, null);
    }

    @Test
    void eachEventHasOneStatusAndEachStatusFilterFindsExactlyItsEvents() {
        String delivered = event("payment.received", "1", T0, false, "delivered", "delivered");
        String pending = event("payment.received", "1", T0, false, "delivered", "pending");
        String dead = event("payment.received", "1", T0, false, "pending", "dead");
        String failed = event("payment.received", "1", T0, true);
        String skipped = event("payment.received", "1", T0, false, "skipped");
        String none = event("site.published", "1", T0, false);

        assertThat(ids(status(EventStatus.DELIVERED))).containsExactly(delivered);
        assertThat(ids(status(EventStatus.PENDING))).containsExactly(pending);
        assertThat(ids(status(EventStatus.DEAD))).containsExactly(dead);
        assertThat(ids(status(EventStatus.DECISION_FAILED))).containsExactly(failed);
        assertThat(ids(status(EventStatus.SKIPPED))).containsExactly(skipped);
        assertThat(ids(status(EventStatus.NONE))).containsExactly(none);
        // the status a row shows is the one its filter finds it by
        for (ListedEvent e : listing.page(EventFilter.none(), 100)) {
            assertThat(ids(status(e.status()))).contains(e.id());
        }
        ListedEvent shown = listing.page(status(EventStatus.DEAD), 1).get(0);
        assertThat(shown.deliveries()).containsEntry(DeliveryStatus.PENDING, 1L).containsEntry(DeliveryStatus.DEAD, 1L);
        assertThat(listing.page(status(EventStatus.DECISION_FAILED), 1).get(0).decisionError()).contains("threw");
    }

    @Test
    void filtersByTypeCustomerEmailWithoutCaseAndTimeRange() {
        customer("7", "Jane.Doe@Example.com");
        String jane = event("payment.received", "7", T0, false, "delivered");
        String janeLater = event("membership.cancelled", "7", T0.plusSeconds(3600), false);
        String other = event("payment.received", "8", T0.plusSeconds(60), false);

        assertThat(ids(new EventFilter("payment.received", null, null, null, null, null, null))).containsExactly(other, jane);
        assertThat(ids(new EventFilter(null, "7", null, null, null, null, null))).containsExactly(janeLater, jane);
        assertThat(ids(new EventFilter(null, null, "jane.doe@example.COM", null, null, null, null))).containsExactly(janeLater, jane);
        assertThat(ids(new EventFilter(null, null, "nobody@example.com", null, null, null, null))).isEmpty();
        assertThat(ids(new EventFilter(null, null, null, null, T0.plusSeconds(30), T0.plusSeconds(3600), null)))
                .containsExactly(other);
        assertThat(listing.page(new EventFilter(null, "7", null, null, null, null, null), 10).get(0).email())
                .isEqualTo("Jane.Doe@Example.com");
    }

    @Test
    void pagesFollowEachOtherWithoutGapOrOverlapNewestFirst() {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            all.add(event(i % 2 == 0 ? "payment.received" : "site.published", "1", T0.plusSeconds(i), false));
        }
        List<String> seen = new ArrayList<>();
        Long before = null;
        while (true) {
            List<ListedEvent> page = listing.page(new EventFilter(null, null, null, null, null, null, before), 50);
            page.forEach(e -> seen.add(e.id()));
            if (page.size() < 50) {
                break;
            }
            before = page.get(page.size() - 1).seq();
        }
        java.util.Collections.reverse(all);
        assertThat(seen).containsExactlyElementsOf(all);
        // a filter and a cursor together
        List<ListedEvent> payments = listing.page(new EventFilter("payment.received", null, null, null, null, null, null), 10);
        List<ListedEvent> next = listing.page(new EventFilter("payment.received", null, null, null, null, null,
                payments.get(9).seq()), 10);
        assertThat(next).hasSize(10).allMatch(e -> e.type().equals("payment.received") && e.seq() < payments.get(9).seq());
    }

    @Test
    void aStatusNameIsCheckedWithTheValuesItTakes() {
        assertThat(EventStatus.of(" Decision-Failed")).isEqualTo(EventStatus.DECISION_FAILED);
        assertThatThrownBy(() -> EventStatus.of("sideways")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("delivered").hasMessageContaining("sideways");
    }
}

package dev.umhub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ids made for customers a batch inserted are written together ({@link CustomerStore#deferWrites}), on H2. */
class DeferredCustomerIdsTest extends H2StoreTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    private CustomerStore customers;

    @BeforeEach
    void open() {
        customers = new CustomerStore(store);
    }

    /** The ids the table holds now, inside the caller's transaction. */
    private List<String> ids() {
        return store.jdbc().sql("SELECT customer_id || '@' || destination || '=' || external_id"
                + " FROM umhub_customer_external_id ORDER BY customer_id, destination").query(String.class).list();
    }

    @Test
    void aNewCustomersIdIsWrittenAtCommitAndAKnownCustomersAtOnce() {
        store.tx().executeWithoutResult(s -> customers.seen("1", "known@example.com", "Known", T0));
        store.tx().executeWithoutResult(s -> {
            customers.deferWrites();
            customers.seen("2", "new@example.com", "New", T0);
            assertThat(customers.externalIdOrPut("2", "ga4", "made-2", T0)).isEqualTo("made-2");
            assertThat(ids()).isEmpty(); // deferred: the customer is this transaction's own
            // the transaction's next sighting knows it without a read
            assertThat(customers.seen("2", "new@example.com", "New", T0).externalIds()).containsEntry("ga4", "made-2");
            customers.seen("1", "known@example.com", "Known", T0);
            assertThat(customers.externalIdOrPut("1", "ga4", "made-1", T0)).isEqualTo("made-1");
            // a known customer's id is inserted at once, and the deferred one is written before it
            assertThat(ids()).containsExactly("1@ga4=made-1", "2@ga4=made-2");
            customers.seen("3", null, null, T0);
            customers.externalIdOrPut("3", "ga4", "made-3", T0);
            // a read of ids writes what is deferred first
            assertThat(customers.externalIdsAt("ga4", List.of("1", "2", "3"))).containsEntry("3", "made-3");
        });
        assertThat(ids()).containsExactly("1@ga4=made-1", "2@ga4=made-2", "3@ga4=made-3");
    }

    @Test
    void aRollbackToASavepointForgetsTheIdsDeferredAfterIt() {
        store.tx().executeWithoutResult(s -> {
            customers.deferWrites();
            customers.seen("4", "a@example.com", null, T0);
            customers.externalIdOrPut("4", "ga4", "kept", T0);
            store.nested().executeWithoutResult(savepoint -> {
                customers.seen("5", "b@example.com", null, T0);
                customers.externalIdOrPut("5", "ga4", "undone", T0);
                savepoint.setRollbackOnly();
            });
        });
        assertThat(ids()).containsExactly("4@ga4=kept");
        assertThat(customers.find("5")).isEmpty();
    }
}

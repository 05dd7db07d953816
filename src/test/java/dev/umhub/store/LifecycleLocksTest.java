package dev.umhub.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.umhub.ultimatemultisite.lifecycle.EntityKind;
import dev.umhub.ultimatemultisite.lifecycle.Snapshot;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Entity rows locked a batch at a time ({@link LifecycleStateStore#lockAll}), on a real (H2 file) store. */
class LifecycleLocksTest extends H2StoreTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    private LifecycleStateStore states;

    @BeforeEach
    void open() {
        states = new LifecycleStateStore(store);
    }

    private static Snapshot paid(String id) {
        return new Snapshot(EntityKind.PAYMENT, id, "completed", 1, null, null, "m1", "c1", true, null, T0, "{}");
    }

    private List<String> rows() {
        return store.jdbc().sql("SELECT entity_kind || '/' || entity_id || '=' || COALESCE(status, '-')"
                + " FROM umhub_lifecycle_state ORDER BY entity_kind, entity_id").query(String.class).list();
    }

    @Test
    void lockAllTakesKnownRowsAsStoredAndCreatesTheMissingOnes() {
        store.tx().executeWithoutResult(s -> {
            states.lock(EntityKind.PAYMENT, "p1", T0);
            states.save(paid("p1"), T0);
        });
        store.tx().executeWithoutResult(s -> {
            states.lockAll(List.of(new LifecycleStateStore.Entity(EntityKind.PAYMENT, "p1"),
                    new LifecycleStateStore.Entity(EntityKind.PAYMENT, "p2"),
                    new LifecycleStateStore.Entity(EntityKind.CUSTOMER, "c1"),
                    new LifecycleStateStore.Entity(EntityKind.CUSTOMER, "x".repeat(65)), // too long: left to lock()
                    new LifecycleStateStore.Entity(EntityKind.CUSTOMER, null)), T0);
            assertThat(rows()).containsExactly("customer/c1=-", "payment/p1=completed", "payment/p2=-");
            assertThat(states.lock(EntityKind.PAYMENT, "p1", T0).status()).isEqualTo("completed");
            assertThat(states.lock(EntityKind.PAYMENT, "p2", T0).seen()).isFalse();
            states.save(paid("p2"), T0);
            assertThat(states.lock(EntityKind.PAYMENT, "p2", T0).status()).isEqualTo("completed");
        });
        assertThat(rows()).containsExactly("customer/c1=-", "payment/p1=completed", "payment/p2=completed");
    }

    @Test
    void aRollbackToASavepointForgetsWhatTheTransactionCached() {
        store.tx().executeWithoutResult(s -> {
            states.lockAll(List.of(new LifecycleStateStore.Entity(EntityKind.PAYMENT, "p1")), T0);
            store.nested().executeWithoutResult(savepoint -> {
                states.save(paid("p1"), T0);
                savepoint.setRollbackOnly();
            });
            // the save was undone: the state read now is the row's, not what the cache saw saved
            assertThat(states.find(EntityKind.PAYMENT, "p1")).get().extracting(Snapshot::status).isNull();
            assertThat(states.lock(EntityKind.PAYMENT, "p1", T0).status()).isNull();
        });
    }
}

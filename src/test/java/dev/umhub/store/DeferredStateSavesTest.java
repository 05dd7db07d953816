package dev.umhub.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.umhub.ultimatemultisite.lifecycle.EntityKind;
import dev.umhub.ultimatemultisite.lifecycle.Snapshot;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Entity states saved by a batch are written together ({@link LifecycleStateStore#deferSaves}), on a real (H2 file)
 * store; {@code PostgresStoreIT} runs {@link #savesAreWrittenAtCommitAndJudgedBeforeThat} on PostgreSQL.
 */
public class DeferredStateSavesTest extends H2StoreTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    private LifecycleStateStore states;

    @BeforeEach
    void open() {
        states = new LifecycleStateStore(store);
    }

    private static Snapshot payment(String id, String membership, boolean completed) {
        return new Snapshot(EntityKind.PAYMENT, id, completed ? "completed" : "pending", 1, null, null, membership,
                "c1", completed, null, T0, "{}");
    }

    private static List<LifecycleStateStore.Entity> payments(String... ids) {
        return java.util.Arrays.stream(ids).map(id -> new LifecycleStateStore.Entity(EntityKind.PAYMENT, id)).toList();
    }

    /** The rows as the table holds them now, inside the caller's transaction. */
    private static List<String> rows(Store store) {
        return store.jdbc().sql("SELECT entity_id || '=' || COALESCE(status, '-') || '@'"
                + " || COALESCE(membership_id, '-') FROM umhub_lifecycle_state WHERE entity_kind = 'payment'"
                + " ORDER BY entity_id")
                .query(String.class).list();
    }

    @Test
    void savesAreWrittenAtCommitAndJudgedBeforeThat() {
        savesAreWrittenAtCommitAndJudgedBeforeThat(store);
    }

    /** The scenario, on any store. */
    public static void savesAreWrittenAtCommitAndJudgedBeforeThat(Store store) {
        LifecycleStateStore states = new LifecycleStateStore(store);
        store.tx().executeWithoutResult(s -> {
            states.lockAll(payments("p2", "p3"), T0);
            states.save(payment("p2", "m1", true), T0); // completed, in m1
            states.save(payment("p3", "m2", true), T0);
        });
        store.tx().executeWithoutResult(s -> {
            states.deferSaves();
            states.lockAll(payments("p1", "p2", "p3", "p4"), T0);
            states.save(payment("p1", "m9", true), T0);
            // not in the table yet, and yet the next payment of m9 is judged with it
            assertThat(rows(store)).containsExactly("p1=-@-", "p2=completed@m1", "p3=completed@m2", "p4=-@-");
            assertThat(states.hasOtherCompletedPayment("m9", "p4")).isTrue();
            assertThat(states.hasOtherCompletedPayment("m9", "p1")).isFalse(); // a payment is not its own other
            // p2 moves to m3, unwritten: the table's row (completed, m1) no longer counts for m1, and counts for m3
            states.save(payment("p2", "m3", true), T0);
            assertThat(states.hasOtherCompletedPayment("m1", "p4")).isFalse();
            assertThat(states.hasOtherCompletedPayment("m3", "p4")).isTrue();
            // p3's row is written and judged by the table, whatever this transaction holds unwritten
            assertThat(states.hasOtherCompletedPayment("m2", "p4")).isTrue();
            // the transaction's own reads see what it saved
            assertThat(states.find(EntityKind.PAYMENT, "p2")).get().extracting(Snapshot::membershipId).isEqualTo("m3");
        });
        // the last save of each entity is what was written
        assertThat(rows(store)).containsExactly("p1=completed@m9", "p2=completed@m3", "p3=completed@m2", "p4=-@-");
    }

    @Test
    void aBatchReadsTheCompletedPaymentsOfItsMembershipsOnce() {
        store.tx().executeWithoutResult(s -> {
            states.lockAll(payments("p2", "p3"), T0);
            states.save(payment("p2", "m1", true), T0);
            states.save(payment("p3", "m2", true), T0);
        });
        store.tx().executeWithoutResult(s -> {
            states.deferSaves();
            states.lockAll(payments("p3", "p4"), T0);
            states.readCompletedPayments(List.of("m1", "m2", "m7"));
            // a payment another transaction completes after the read is not seen for a membership read...
            insertCompleted("p8", "m7");
            assertThat(states.hasOtherCompletedPayment("m7", "p4")).isFalse();
            // ... and is for one not read, which the store answers for
            insertCompleted("p9", "m5");
            assertThat(states.hasOtherCompletedPayment("m5", "p4")).isTrue();
            assertThat(states.hasOtherCompletedPayment("m1", "p4")).isTrue();
            assertThat(states.hasOtherCompletedPayment("m1", "p2")).isFalse(); // not its own other
            // p3, saved here, is judged by its save: it moved from m2 to m8
            states.save(payment("p3", "m8", true), T0);
            assertThat(states.hasOtherCompletedPayment("m2", "p4")).isFalse();
            assertThat(states.hasOtherCompletedPayment("m8", "p4")).isTrue();
        });
    }

    /** A completed payment's row written past this store, as another instance would. */
    private void insertCompleted(String id, String membership) {
        store.jdbc().sql("INSERT INTO umhub_lifecycle_state (entity_kind, entity_id, status, status_seq, membership_id,"
                + " ever_completed, updated_at) VALUES ('payment', ?, 'completed', 1, ?, TRUE, ?)")
                .params(id, membership, Timestamps.param(T0)).update();
    }

    @Test
    void aRollbackToASavepointUndoesTheSavesAfterItWrittenOrNot() {
        store.tx().executeWithoutResult(s -> {
            states.deferSaves();
            states.lockAll(payments("p1", "p2", "p3"), T0);
            states.save(payment("p1", "m1", true), T0);
            store.nested().executeWithoutResult(savepoint -> {
                states.save(payment("p2", "m1", true), T0);
                // a read of a row this transaction does not hold writes what is deferred first (p1 and p2)...
                assertThat(states.find(EntityKind.PAYMENT, "p9")).isEmpty();
                assertThat(rows(store)).contains("p1=completed@m1", "p2=completed@m1");
                states.save(payment("p3", "m1", true), T0);
                savepoint.setRollbackOnly();
            });
            // ... and the rollback undid p2's row in the table: p1's save, made before it, is written again at commit
            assertThat(rows(store)).containsExactly("p1=-@-", "p2=-@-", "p3=-@-");
        });
        assertThat(rows(store)).containsExactly("p1=completed@m1", "p2=-@-", "p3=-@-");
    }

    @Test
    void withoutDeferringASaveIsWrittenAtOnce() {
        store.tx().executeWithoutResult(s -> {
            states.lockAll(payments("p1"), T0);
            states.save(payment("p1", "m1", true), T0);
            assertThat(rows(store)).containsExactly("p1=completed@m1");
        });
    }
}

package dev.umhub.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.umhub.event.EventData;
import dev.umhub.event.PlatformEvent;
import dev.umhub.rules.Decision;
import dev.umhub.store.DeliveryStatus;
import dev.umhub.store.DeliveryStore;
import dev.umhub.store.EventStore;
import dev.umhub.store.Json;
import dev.umhub.store.NewDelivery;
import dev.umhub.store.Store;
import dev.umhub.store.TestStores;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch's journal writes, deferred to its commit ({@link Journal#deferWrites}), on a real (H2 file) store: written
 * whole and in order, duplicates found (the batch's own at once, stored ones when it writes, and then at once on its
 * next try), and never half undone by a savepoint.
 */
class DeferredJournalWritesTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final Decision NOTHING_FIRED = new Decision("v1", List.of(), List.of());

    @TempDir
    Path dir;

    private Store store;
    private Journal journal;

    @BeforeEach
    void open() {
        store = TestStores.h2File(dir);
        journal = newJournal();
    }

    /** A journal on the test's store: another one stands for another instance. */
    private Journal newJournal() {
        Json json = new Json();
        return new Journal(new EventStore(store, json), new DeliveryStore(store, json), store, json);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static KeyedEvent event(String key) {
        return new KeyedEvent(new PlatformEvent("chosen by the source", "test", "payment.received", T0, "payment/1",
                "payment_received", false, new EventData(null, null, null, null, null, null, Map.of())), key);
    }

    private static DeliveryPlanner.Plan oneDelivery(KeyedEvent e) {
        return new DeliveryPlanner.Plan(List.of(new NewDelivery(KeyedEvent.idOf(e.idempotencyKey() + "/hubspot"), e.event().id(), "hubspot",
                null, "[\"upsert_contact\"]", "[]", DeliveryStatus.PENDING, "{}", T0, null, null, null, null, T0)));
    }

    private IngestResult record(KeyedEvent e) {
        return journal.record(e, MessageBody.unjournaled("{}"), NOTHING_FIRED, oneDelivery(e));
    }

    private List<String> stored() {
        return store.jdbc().sql("SELECT idempotency_key FROM umhub_event ORDER BY seq").query(String.class).list();
    }

    private long outboxRows() {
        return store.jdbc().sql("SELECT COUNT(*) FROM umhub_delivery").query(Long.class).single();
    }

    @Test
    void anEventsIdIsAlwaysItsKeys() {
        assertThat(event("k1").event().id()).isEqualTo(KeyedEvent.idOf("k1"))
                .isEqualTo(dev.umhub.ingest.IdempotencyKeys.eventId("k1"));
    }

    @Test
    void deferredEventsAndOutboxRowsAreWrittenAtCommitInTheOrderRecorded() {
        store.tx().executeWithoutResult(s -> {
            journal.deferWrites();
            assertThat(record(event("k2")).duplicate()).isFalse();
            assertThat(record(event("k1")).duplicate()).isFalse();
            assertThat(stored()).isEmpty(); // not written yet
        });
        assertThat(stored()).containsExactly("k2", "k1");
        assertThat(outboxRows()).isEqualTo(2);
    }

    @Test
    void anEventRecordedEarlierInTheBatchIsFoundAtOnce() {
        store.tx().executeWithoutResult(s -> {
            journal.deferWrites();
            assertThat(record(event("k2")).duplicate()).isFalse();
            assertThat(record(event("k2")).duplicate()).isTrue();
            // what a duplicate leads to reads the journal: it sees the batch's own events
            assertThat(journal.find(event("k2").event().id())).isPresent();
        });
        assertThat(stored()).containsExactly("k2");
        assertThat(outboxRows()).isEqualTo(1);
    }

    @Test
    void aStoredEventTakenForNewFailsTheBatchWhichFindsItOnItsNextTry() {
        record(event("k1")); // alone: written at once
        // no read per event: the batch takes k1 for new, and its write finds it
        assertThatThrownBy(() -> store.tx().executeWithoutResult(s -> {
            journal.deferWrites();
            assertThat(record(event("k1")).duplicate()).isFalse();
            record(event("k2"));
        })).isInstanceOf(Journal.KnownEventsFound.class);
        assertThat(stored()).containsExactly("k1");
        assertThat(outboxRows()).isEqualTo(1);
        // the next try of the same batch reads k1 by id and answers it as a duplicate
        store.tx().executeWithoutResult(s -> {
            journal.deferWrites();
            assertThat(record(event("k1")).duplicate()).isTrue();
            assertThat(record(event("k2")).duplicate()).isFalse();
        });
        assertThat(stored()).containsExactly("k1", "k2");
        assertThat(outboxRows()).isEqualTo(2);
    }

    @Test
    void aRollbackToASavepointForgetsWhatWasRecordedAfterIt() {
        store.tx().executeWithoutResult(s -> {
            journal.deferWrites();
            record(event("k1"));
            store.nested().executeWithoutResult(savepoint -> {
                record(event("k2"));
                savepoint.setRollbackOnly();
            });
            record(event("k3"));
        });
        assertThat(stored()).containsExactly("k1", "k3");
        assertThat(outboxRows()).isEqualTo(2);
    }

    @Test
    void rowsWrittenInsideASavepointThatRollsBackFailTheWholeTransaction() {
        assertThatThrownBy(() -> store.tx().executeWithoutResult(s -> {
            journal.deferWrites();
            record(event("k1"));
            store.nested().executeWithoutResult(savepoint -> {
                journal.find("any"); // writes k1, inside the savepoint
                savepoint.setRollbackOnly();
            });
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("savepoint");
        assertThat(stored()).isEmpty();
        assertThat(outboxRows()).isZero();
    }

    @Test
    void aConflictAtTheDeferredWriteFailsTheWholeTransaction() {
        assertThatThrownBy(() -> store.tx().executeWithoutResult(s -> {
            journal.deferWrites();
            record(event("k1"));
            record(event("k2"));
            // another instance records k2 after this batch checked it
            newJournal().record(event("k2"), MessageBody.unjournaled("{}"), NOTHING_FIRED,
                    new DeliveryPlanner.Plan(List.of()));
        })).isInstanceOf(Journal.KnownEventsFound.class);
        assertThat(stored()).isEmpty();
    }
}

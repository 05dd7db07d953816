package dev.umhub.pipeline;

import dev.umhub.event.PlatformEvent;
import dev.umhub.pipeline.DeliveryPlanner;
import dev.umhub.rules.Decision;
import dev.umhub.store.DecisionColumns;
import dev.umhub.store.DeliveryStore;
import dev.umhub.store.EventStore;
import dev.umhub.store.Json;
import dev.umhub.store.NewDelivery;
import dev.umhub.store.NewEvent;
import dev.umhub.store.Store;
import dev.umhub.store.StoredEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes an accepted event, its decision and its outbox rows in one transaction; a known key is a duplicate. Inside a
 * caller's transaction (the lifecycle tracker's, which saves entity states with the events they caused) the write
 * runs in a savepoint, so a duplicate key undoes only this event and PostgreSQL does not abort the caller. A batch's
 * transaction may {@link #deferWrites() defer} the writes instead.
 */
@Component
public class Journal {

    private final EventStore events;
    private final DeliveryStore deliveries;
    private final TransactionTemplate tx;
    private final Json json;
    /** The key of the current transaction's {@link Deferred} writes. */
    private final Object deferredKey = new Object();
    /**
     * Ids a batch took for new and found in the store when it wrote them ({@link KnownEventsFound}): the batch's next
     * try reads these by id before taking them for new. Cleared when large; an id forgotten costs one more try.
     */
    private final Set<String> foundKnown = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final int MAX_FOUND_KNOWN = 10_000;

    public Journal(EventStore events, DeliveryStore deliveries, Store store, Json json) {
        this.events = events;
        this.deliveries = deliveries;
        this.tx = store.nested();
        this.json = json;
    }

    /** A known event, without its raw body and decision. */
    public Optional<StoredEvent> find(String eventId) {
        Deferred deferred = deferred();
        if (deferred != null) {
            deferred.write();
        }
        return events.findForProcessing(eventId);
    }

    /**
     * For the rest of the current transaction (a batch of the intake processor), the events and outbox rows recorded
     * are written together just before it commits, in one JDBC batch per table, instead of a savepoint and two or three
     * statements each (on PostgreSQL a round trip each). Nearly every event is new, so none is read by id on the way:
     * the write first reads which of the batch's ids the store holds, in one statement per 100, and if any (another
     * observation of a known change, or one another instance recorded meanwhile) throws {@link KnownEventsFound}; the
     * caller takes the batch again, and this time those ids are read one by one and answered as duplicates.
     * Everything deferred is written before the journal is read again.
     */
    public void deferWrites() {
        if (TransactionSynchronizationManager.isSynchronizationActive() && deferred() == null) {
            Deferred deferred = new Deferred();
            TransactionSynchronizationManager.bindResource(deferredKey, deferred);
            TransactionSynchronizationManager.registerSynchronization(deferred);
        }
    }

    private Deferred deferred() {
        return TransactionSynchronizationManager.isSynchronizationActive()
                ? (Deferred) TransactionSynchronizationManager.getResource(deferredKey) : null;
    }

    /**
     * The explanation a decision is stored with: each firing with its facts, the vetoes, and why it failed; null when
     * nothing fired (nothing to explain, nothing stored).
     */
    private static String explanation(Decision decision, Json json) {
        if (decision.explanation().isEmpty() && decision.vetoes().isEmpty() && !decision.isFailed()) {
            return null;
        }
        return json.write(decision.explained());
    }

    /** The decision as the journal stores it, for a new event ({@link #record}) and one decided again. */
    static DecisionColumns columns(Decision decision, Json json) {
        return new DecisionColumns(decision.rulesVersion(), json.write(decision.rulesFired()),
                json.write(decision.dispatches()), explanation(decision, json),
                decision.isFailed() ? decision.failure().describe() : null);
    }

    /** Records a new event, or answers that it is known; its body is kept by reference when an intake row holds it. */
    public IngestResult record(KeyedEvent normalised, MessageBody body, Decision decision,
                               DeliveryPlanner.Plan plan) {
        PlatformEvent e = normalised.event();
        Deferred deferred = deferred();
        if (deferred != null
                && (deferred.ids.contains(e.id()) || foundKnown.contains(e.id()) && events.exists(e.id()))) {
            return new IngestResult(e.id(), e.type(), true); // the caller's find writes what is deferred first
        }
        NewEvent row = new NewEvent(e.id(), normalised.idempotencyKey(), e.source(), e.origin(), e.type(), e.subject(),
                e.customer() == null ? null : e.customer().id(), e.test(), e.time(), body.ownCopy(), body.intakeSeq(),
                json.write(e), columns(decision, json));
        if (deferred != null) {
            deferred.add(row, plan.deliveries());
            return new IngestResult(e.id(), e.type(), false);
        }
        try {
            tx.executeWithoutResult(status -> {
                events.insert(row);
                plan.deliveries().forEach(deliveries::insert);
            });
            return new IngestResult(e.id(), e.type(), false);
        } catch (DuplicateKeyException sameContentArrivedFirst) {
            // no read: an event's id is its key's (IdempotencyKeys.eventId), so the known event is this id's; the
            // caller reads it when it needs more than that
            return new IngestResult(e.id(), e.type(), true);
        }
    }

    /**
     * A batch took events for new that the store holds: its transaction is undone, and its next try reads those by id
     * (see {@link #deferWrites}). Not the messages' fault, and not the store's.
     */
    public static final class KnownEventsFound extends RuntimeException {
        KnownEventsFound(int n) {
            super(n + " event(s) of the batch are known already; the batch is taken again", null, false, false);
        }
    }

    /**
     * Events and outbox rows recorded in this transaction and not written yet, in the order recorded. A rollback to a
     * savepoint forgets what was recorded after it; if rows recorded before it were written after it (and so undone
     * with it), the transaction may not commit: it fails, and its messages are taken again one by one.
     */
    private final class Deferred implements TransactionSynchronization {
        final List<NewEvent> rows = new ArrayList<>();
        final List<NewDelivery> outbox = new ArrayList<>();
        final Set<String> ids = new HashSet<>();
        /** Per savepoint: rows and outbox rows recorded and writes done when it was taken. */
        private final Map<Object, int[]> atSavepoint = new IdentityHashMap<>();
        private int writes;
        private boolean undone;

        void add(NewEvent row, List<NewDelivery> deliveriesOfRow) {
            rows.add(row);
            ids.add(row.id());
            outbox.addAll(deliveriesOfRow);
        }

        /** Events first: an outbox row refers to its event. */
        void write() {
            if (!rows.isEmpty()) {
                Set<String> known = events.existing(rows.stream().map(NewEvent::id).toList());
                if (!known.isEmpty()) {
                    if (foundKnown.size() + known.size() > MAX_FOUND_KNOWN) {
                        foundKnown.clear();
                    }
                    foundKnown.addAll(known);
                    throw new KnownEventsFound(known.size());
                }
                events.insertAll(rows);
                rows.clear();
                writes++;
            }
            if (!outbox.isEmpty()) {
                deliveries.insertAll(outbox);
                outbox.clear();
                writes++;
            }
        }

        @Override
        public void savepoint(Object savepoint) {
            atSavepoint.put(savepoint, new int[] {rows.size(), outbox.size(), writes});
        }

        @Override
        public void savepointRollback(Object savepoint) {
            int[] mark = atSavepoint.getOrDefault(savepoint, new int[3]);
            if (writes > mark[2]) {
                undone = true; // rows recorded before the savepoint may have been written after it
                return;
            }
            List<NewEvent> forgotten = rows.subList(mark[0], rows.size());
            forgotten.forEach(row -> ids.remove(row.id()));
            forgotten.clear();
            outbox.subList(mark[1], outbox.size()).clear();
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            if (undone) {
                throw new IllegalStateException("journal writes deferred in this transaction were undone by a rollback"
                        + " to a savepoint; its messages are processed again one by one");
            }
            write();
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(deferredKey);
        }
    }
}

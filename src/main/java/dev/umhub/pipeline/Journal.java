package dev.umhub.pipeline;

import dev.umhub.event.PlatformEvent;
import dev.umhub.pipeline.DeliveryPlanner;
import dev.umhub.rules.Decision;
import dev.umhub.store.DecisionColumns;
import dev.umhub.store.DeliveryStore;
import dev.umhub.store.EventStore;
import dev.umhub.store.Json;
import dev.umhub.store.NewEvent;
import dev.umhub.store.Store;
import dev.umhub.store.StoredEvent;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes an accepted event, its decision and its outbox rows in one transaction; a known key is a duplicate. Inside a
 * caller's transaction (the lifecycle tracker's, which saves entity states with the events they caused) the write
 * runs in a savepoint, so a duplicate key undoes only this event and PostgreSQL does not abort the caller.
 */
@Component
public class Journal {

    private final EventStore events;
    private final DeliveryStore deliveries;
    private final TransactionTemplate tx;
    private final Json json;

    public Journal(EventStore events, DeliveryStore deliveries, Store store, Json json) {
        this.events = events;
        this.deliveries = deliveries;
        this.tx = store.nested();
        this.json = json;
    }

    /** A known event, without its raw body and decision. */
    public Optional<StoredEvent> find(String eventId) {
        return events.findForProcessing(eventId);
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

    public IngestResult record(KeyedEvent normalised, String rawBody, Decision decision,
                               DeliveryPlanner.Plan plan) {
        PlatformEvent e = normalised.event();
        NewEvent row = new NewEvent(e.id(), normalised.idempotencyKey(), e.source(), e.origin(), e.type(), e.subject(),
                e.customer() == null ? null : e.customer().id(), e.test(), e.time(), rawBody, json.write(e),
                columns(decision, json));
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
}

package dev.umhub.pipeline;

import dev.umhub.delivery.DeliveryLanes;
import dev.umhub.rules.Decision;
import dev.umhub.store.EventSelection;
import dev.umhub.store.EventStore;
import dev.umhub.store.Store;
import dev.umhub.store.StoreTrouble;
import dev.umhub.store.StoredEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Operators deciding recorded events again with the running rules: one event, or a selection (the events whose
 * decision failed once the rule is fixed, a time range, event types). Each event in a transaction of its own, so one
 * that fails again does not hold back the others; the lanes are woken for what was planned.
 */
@Component
public class Redecisions {

    private static final Logger log = LoggerFactory.getLogger(Redecisions.class);
    /** Events one bulk call decides again; more are left for the next call, which the answer says. */
    public static final int MAX_PER_CALL = 10_000;

    private final EventStore events;
    private final Redecider redecider;
    private final TransactionTemplate tx;
    private final DeliveryLanes lanes;

    public Redecisions(EventStore events, Redecider redecider, Store store, DeliveryLanes lanes) {
        this.events = events;
        this.redecider = redecider;
        this.tx = store.tx();
        this.lanes = lanes;
    }

    /** Decides one recorded event again; empty when there is no such event. */
    public Optional<Redecider.Outcome> one(String eventId) {
        return events.findForProcessing(eventId).map(this::redecide);
    }

    /**
     * One event in a transaction of its own. Planning the same destination twice (another redecide, or late facts,
     * deciding the event at the same moment) hits the delivery's key: taken again, the other's delivery is then
     * already planned.
     */
    private Redecider.Outcome redecide(StoredEvent known) {
        Redecider.Outcome outcome;
        try {
            outcome = decideInTransaction(known);
        } catch (DuplicateKeyException plannedMeanwhile) {
            outcome = decideInTransaction(known);
        }
        lanes.wake(outcome.toWake());
        return outcome;
    }

    private Redecider.Outcome decideInTransaction(StoredEvent known) {
        return tx.execute(s -> redecider.decideAgain(known, redecider.factsOf(known), null));
    }

    /**
     * Decides the selected events again, oldest first, at most {@value #MAX_PER_CALL}; each on its own, so one that
     * cannot be read or decided does not stop the others.
     *
     * @return counts: {@code selected}, {@code redecided}, {@code failed} (their rules threw again), {@code skipped}
     * (sent to a destination their sender named: no rules decide them), {@code errors} (could not be decided, with
     * the first error), {@code planned} per destination, and {@code continueAfter} when the selection holds more than
     * one call takes: the next call passes it as {@code after}
     */
    public Map<String, Object> bulk(EventSelection selection) {
        int[] counts = new int[5]; // selected, redecided, failed, skipped, errors
        String[] firstError = {null};
        Map<String, Integer> planned = new TreeMap<>();
        Long continueAfter = events.forEachSelected(selection, MAX_PER_CALL, known -> {
            counts[0]++;
            try {
                Redecider.Outcome outcome = redecide(known); // the decider leaves a sender's choice as it was
                counts[Decision.isSenderChosen(outcome.decision().rulesVersion()) ? 3
                        : outcome.decision().isFailed() ? 2 : 1]++;
                outcome.planned().forEach(d -> planned.merge(d, 1, Integer::sum));
            } catch (RuntimeException e) {
                if (StoreTrouble.isStoreTrouble(e)) {
                    throw e; // the store's, not the event's: the whole call fails with a 503
                }
                counts[4]++;
                if (firstError[0] == null) {
                    firstError[0] = known.id() + ": " + e;
                    log.warn("Event {} could not be decided again: {}", known.id(), e.toString());
                }
            }
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("selected", counts[0]);
        out.put("redecided", counts[1]);
        out.put("failed", counts[2]);
        out.put("skipped", counts[3]);
        out.put("errors", counts[4]);
        if (firstError[0] != null) {
            out.put("firstError", firstError[0]);
        }
        out.put("planned", planned);
        out.put("continueAfter", continueAfter);
        return out;
    }
}

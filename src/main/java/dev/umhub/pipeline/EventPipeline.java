package dev.umhub.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.umhub.delivery.DeliveryLanes;
import dev.umhub.event.PlatformEvent;
import dev.umhub.rules.Decision;
import dev.umhub.rules.RuleEngine;
import dev.umhub.store.StoredEvent;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Decides, plans and journals one normalised event: every event, whether a source sent it or umhub derived it,
 * passes here, so all are decided by the same rules, deduplicated by the same keys and delivered the same way.
 */
@Component
public class EventPipeline implements Acceptance {

    private static final Logger log = LoggerFactory.getLogger(EventPipeline.class);

    private final RuleEngine rules;
    private final DeliveryPlanner planner;
    private final Journal journal;
    private final DeliveryLanes lanes;
    private final LateFacts lateFacts;
    private final Set<String> failuresLogged = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The key of the current transaction's destinations to wake after it commits. */
    private final Object toWake = new Object();

    public EventPipeline(RuleEngine rules, DeliveryPlanner planner, Journal journal, DeliveryLanes lanes,
                         LateFacts lateFacts) {
        this.rules = rules;
        this.planner = planner;
        this.journal = journal;
        this.lanes = lanes;
        this.lateFacts = lateFacts;
    }

    @Override
    public IngestResult accept(KeyedEvent normalised, String rawBody) {
        return accept(normalised, rawBody, null);
    }

    /**
     * Journals and delivers an event whose sender named its destination: the sender's decision instead of the
     * rules', and no lifecycle tracking (the sender asked for one delivery, not for what else the event implies).
     */
    public IngestResult acceptAsChosen(KeyedEvent normalised, String rawBody, Decision chosen) {
        return accept(normalised, rawBody, chosen);
    }

    private IngestResult accept(KeyedEvent normalised, String rawBody, Decision chosen) {
        PlatformEvent event = normalised.event();
        // decided and recorded first: nearly every event is new, and the insert's key is the duplicate check, so the
        // rare known one costs a rolled-back savepoint instead of every event costing a read
        Decision decision = chosen != null ? chosen : rules.decide(event);
        DeliveryPlanner.Plan plan = planner.plan(event, decision);
        IngestResult result = journal.record(normalised, rawBody, decision, plan);
        if (result.duplicate()) {
            var known = journal.find(event.id());
            if (known.isPresent() && chosen == null) { // another observation of a change umhub knows: it may know more
                wakeAfterCommit(lateFacts.completeChange(known.get(), event));
            }
            return known.map(k -> new IngestResult(k.id(), k.type(), true)).orElse(result);
        }
        if (decision.isFailed()) {
            decisionFailed(event, decision);
        }
        // per event at DEBUG: at hundreds of events a second INFO lines cost more than the work (GET /api/intake counts)
        log.debug("Accepted {} {} ({}{}) rules fired: {}; deliveries: {}", event.type(), event.id(), event.origin(),
                event.test() ? ", platform test event" : "", decision.rulesFired(), plan.summary());
        wakeAfterCommit(plan.destinations());
        return result;
    }

    /**
     * A rule threw: the event is kept with the failure and nothing planned. Logged once per rules version and rule, not
     * per event: a rule that throws for every payment would otherwise write a stack of lines per webhook.
     */
    private void decisionFailed(PlatformEvent event, Decision decision) {
        if (failuresLogged.add(decision.rulesVersion() + "\u0000" + decision.failure().rule())) {
            // the rule and the exception's class only: its message may quote a customer's data; the event keeps it all
            String error = decision.failure().error();
            log.warn("Rules {} could not decide event {} ({}): rule \"{}\" threw {}; such events are kept with the"
                    + " error (GET /api/events?decision=failed), their deliveries wait: fix the rule, then POST"
                    + " /api/events/redecide {\"decisionFailed\": true}", decision.rulesVersion(), event.id(),
                    event.type(), decision.failure().rule(), error.contains(":") ? error.substring(0, error.indexOf(':'))
                            : error);
        }
    }

    /**
     * Completes known events with facts learnt after they were decided (see {@link LateFacts#completeWith}); inside
     * the caller's transaction.
     */
    public void complete(List<StoredEvent> known, JsonNode facts) {
        wakeAfterCommit(lateFacts.completeWith(known, facts));
    }

    /**
     * Inside a caller's transaction the rows are not visible to the lanes until it commits: wake them then. One
     * synchronization per transaction gathers the destinations of all its events (a batch holds hundreds; Spring
     * sorts and visits every registered synchronization at each savepoint, so one per event would cost n squared).
     */
    private void wakeAfterCommit(Set<String> destinations) {
        if (destinations.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            lanes.wake(destinations);
            return;
        }
        @SuppressWarnings("unchecked")
        Set<String> pending = (Set<String>) TransactionSynchronizationManager.getResource(toWake);
        if (pending == null) {
            Set<String> fresh = new java.util.HashSet<>();
            TransactionSynchronizationManager.bindResource(toWake, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    lanes.wake(fresh);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(toWake);
                }
            });
            pending = fresh;
        }
        pending.addAll(destinations);
    }
}

package dev.umhub.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.umhub.delivery.DeliveryLanes;
import dev.umhub.event.PlatformEvent;
import dev.umhub.rules.Decision;
import dev.umhub.rules.RuleEngine;
import dev.umhub.store.StoredEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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
    private final EventOutcomes outcomes;
    private final Set<String> failuresLogged = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The key of the current transaction's {@link AfterCommit}. */
    private final Object afterCommitKey = new Object();

    public EventPipeline(RuleEngine rules, DeliveryPlanner planner, Journal journal, DeliveryLanes lanes,
                         LateFacts lateFacts, EventOutcomes outcomes) {
        this.rules = rules;
        this.planner = planner;
        this.journal = journal;
        this.lanes = lanes;
        this.lateFacts = lateFacts;
        this.outcomes = outcomes;
    }

    @Override
    public IngestResult accept(KeyedEvent normalised, MessageBody body) {
        return accept(normalised, body, null);
    }

    /**
     * The batch's events and outbox rows are written together before it commits (see {@link Journal#deferWrites}): a
     * known event that another instance records meanwhile fails the batch, which is then taken message by message.
     * So are the ids its new customers get at destinations ({@link DeliveryPlanner#beginBatch}).
     */
    @Override
    public void beginBatch(List<KeyedEvent> batch) {
        journal.deferWrites();
        planner.beginBatch();
    }

    /**
     * Journals and delivers an event whose sender named its destination: the sender's decision instead of the
     * rules', and no lifecycle tracking (the sender asked for one delivery, not for what else the event implies).
     */
    public IngestResult acceptAsChosen(KeyedEvent normalised, MessageBody body, Decision chosen) {
        return accept(normalised, body, chosen);
    }

    private IngestResult accept(KeyedEvent normalised, MessageBody body, Decision chosen) {
        PlatformEvent event = normalised.event();
        // decided and recorded first: nearly every event is new; the journal finds the rare known one (by the insert's
        // key, or in a batch by its id before the batch's writes), and only then is it read
        Decision decision = chosen != null ? chosen : rules.decide(event);
        DeliveryPlanner.Plan plan = planner.plan(event, decision);
        IngestResult result = journal.record(normalised, body, decision, plan);
        if (result.duplicate()) {
            var known = journal.find(event.id());
            AfterCommit after = afterCommit();
            if (known.isPresent() && chosen == null) { // another observation of a change umhub knows: it may know more
                after.destinations.addAll(lateFacts.completeChange(known.get(), event));
            }
            after.duplicates.add(event);
            after.runIfNoTransaction();
            return known.map(k -> new IngestResult(k.id(), k.type(), true)).orElse(result);
        }
        if (decision.isFailed()) {
            decisionFailed(event, decision);
        }
        // per event at DEBUG: at hundreds of events a second INFO lines cost more than the work (GET /api/intake
        // counts); guarded, as the plan's summary is built for the line
        if (log.isDebugEnabled()) {
            log.debug("Accepted {} {} ({}{}) rules fired: {}; deliveries: {}", event.type(), event.id(),
                    event.origin(), event.test() ? ", platform test event" : "", decision.rulesFired(), plan.summary());
        }
        AfterCommit after = afterCommit();
        after.destinations.addAll(plan.destinations());
        after.accepted.add(new Accepted(event, decision));
        after.runIfNoTransaction();
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
        AfterCommit after = afterCommit();
        after.destinations.addAll(lateFacts.completeWith(known, facts));
        after.runIfNoTransaction();
    }

    /**
     * What the current transaction's events do once it committed: wake the lanes of their destinations (inside the
     * transaction the rows are not visible to them yet) and tell the {@link EventOutcomes} (an event whose
     * transaction rolls back was never accepted). One synchronization per transaction gathers all its events: a batch
     * holds hundreds, and Spring sorts and visits every registered synchronization at each savepoint, so one per
     * event would cost n squared. Outside a transaction, {@link AfterCommit#runIfNoTransaction} runs it at once.
     */
    private AfterCommit afterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return new AfterCommit(false);
        }
        AfterCommit pending = (AfterCommit) TransactionSynchronizationManager.getResource(afterCommitKey);
        if (pending == null) {
            pending = new AfterCommit(true);
            TransactionSynchronizationManager.bindResource(afterCommitKey, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        return pending;
    }

    private record Accepted(PlatformEvent event, Decision decision) {
    }

    private final class AfterCommit implements TransactionSynchronization {

        final Set<String> destinations = new HashSet<>();
        final List<Accepted> accepted = new ArrayList<>();
        final List<PlatformEvent> duplicates = new ArrayList<>();
        /** How many accepted and duplicate events each savepoint of the transaction found gathered. */
        private final Map<Object, int[]> atSavepoint = new IdentityHashMap<>();
        private final boolean inTransaction;

        AfterCommit(boolean inTransaction) {
            this.inTransaction = inTransaction;
        }

        void runIfNoTransaction() {
            if (!inTransaction) {
                afterCommit();
            }
        }

        @Override
        public void afterCommit() {
            if (!destinations.isEmpty()) {
                lanes.wake(destinations);
            }
            try {
                accepted.forEach(a -> outcomes.accepted(a.event(), a.decision()));
                duplicates.forEach(outcomes::duplicate);
            } catch (RuntimeException e) {
                // counting is never worth failing a committed batch over (the processor would take it as its own)
                log.warn("Could not count the events of a batch: {}", e.toString());
            }
        }

        @Override
        public void savepoint(Object savepoint) {
            atSavepoint.put(savepoint, new int[] {accepted.size(), duplicates.size()});
        }

        /**
         * What the undone work gathered was never stored, so it is not counted when the rest commits (lanes woken for
         * nothing just find nothing). A savepoint taken before this was registered had nothing gathered yet.
         */
        @Override
        public void savepointRollback(Object savepoint) {
            int[] mark = atSavepoint.getOrDefault(savepoint, new int[2]);
            accepted.subList(mark[0], accepted.size()).clear();
            duplicates.subList(mark[1], duplicates.size()).clear();
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(afterCommitKey);
        }
    }
}

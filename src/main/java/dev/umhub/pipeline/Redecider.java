package dev.umhub.pipeline;

import dev.umhub.event.PlatformEvent;
import dev.umhub.rules.Decision;
import dev.umhub.rules.RuleEngine;
import dev.umhub.store.DeliveryStore;
import dev.umhub.store.EventStore;
import dev.umhub.store.Json;
import dev.umhub.store.StoredEvent;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Decides a known event again with the running rules and plans the destinations it now qualifies for, none twice: a
 * destination already planned for the event keeps its delivery, and one with a later event of the same customer on its
 * way is left out (that request carries the newer state, which this older one must not overwrite). Used when a later
 * observation completed the event's facts, and when an operator redecides events whose rules failed or changed.
 * Runs inside the caller's transaction.
 */
@Component
public class Redecider {

    private final RuleEngine rules;
    private final DeliveryPlanner planner;
    private final EventStore events;
    private final DeliveryStore deliveries;
    private final Json json;

    public Redecider(RuleEngine rules, DeliveryPlanner planner, EventStore events, DeliveryStore deliveries,
                     Json json) {
        this.rules = rules;
        this.planner = planner;
        this.events = events;
        this.deliveries = deliveries;
        this.json = json;
    }

    /**
     * What deciding again did.
     *
     * @param planned    destinations newly planned (sent, or kept skipped: a dry destination, a test event)
     * @param toWake     those of them with a request to send
     * @param kept       destinations the event already had a delivery for (not planned again)
     * @param superseded destinations left out because a later event of the customer is on its way there
     */
    public record Outcome(String eventId, Decision decision, Set<String> planned, Set<String> toWake,
                          Set<String> kept, Set<String> superseded) {
    }

    /**
     * Decides {@code event} (the known event's facts, possibly completed) again and records the decision; a decision
     * that fails is recorded as failed and plans nothing.
     *
     * @param completedData the event's completed data to store, or null when its facts are unchanged
     */
    public Outcome decideAgain(StoredEvent known, PlatformEvent event, String completedData) {
        if (Decision.isSenderChosen(known.rulesVersion())) {
            // its sender named the one destination it goes to: the rules were never asked, and are not now
            return new Outcome(known.id(), new Decision(Decision.SENDER_CHOSEN, List.of(), List.of()), Set.of(),
                    Set.of(), deliveries.destinationsOf(known.id()), Set.of());
        }
        Set<String> planned = deliveries.destinationsOf(known.id());
        Decision decision = rules.decide(event);
        Set<String> chosen = decision.byDestination().keySet();
        Set<String> kept = chosen.stream().filter(planned::contains).collect(Collectors.toSet());
        Set<String> superseded = chosen.stream().filter(d -> !planned.contains(d)
                && deliveries.hasLaterEvent(d, planner.orderKey(d, event), known.receivedAt()))
                .collect(Collectors.toSet());
        List<Decision.ChosenDispatch> fresh = decision.dispatches().stream()
                .filter(d -> !kept.contains(d.destination()) && !superseded.contains(d.destination())).toList();
        DeliveryPlanner.Plan plan = planner.plan(event, new Decision(decision.rulesVersion(), decision.rulesFired(),
                fresh));
        events.redecided(known.id(), event.customer() == null ? null : event.customer().id(), completedData,
                Journal.columns(decision, json));
        plan.deliveries().forEach(deliveries::insert);
        return new Outcome(known.id(), decision, plan.planned(), plan.destinations(), kept, superseded);
    }

    /** The known event's facts as they were stored. */
    public PlatformEvent factsOf(StoredEvent known) {
        return json.mapper().convertValue(known.data(), PlatformEvent.class);
    }
}

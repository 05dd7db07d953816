package dev.umhub.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.umhub.event.PlatformEvent;
import dev.umhub.pipeline.DeliveryPlanner;
import dev.umhub.rules.Decision;
import dev.umhub.rules.RuleEngine;
import dev.umhub.store.DeadLetterFilter;
import dev.umhub.store.Delivery;
import dev.umhub.store.DeliveryStore;
import dev.umhub.store.EventStore;
import dev.umhub.store.Json;
import dev.umhub.store.StoredEvent;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Dead letters: deliveries refused for good or out of retries, kept with their event, the decision and every
 * attempt, and replayable as decided then or re-evaluated with the current rules.
 */
@Service
public class DeadLetters {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DeadLetters.class);

    /** What a replay did with one dead letter. */
    /** DECISION_FAILED: re-evaluated, the running rules threw for the event; the dead letter stays. */
    public enum Outcome { REPLAYED, SKIPPED, UNMAPPABLE, DECISION_FAILED, NOT_DEAD }

    private final DeliveryStore store;
    private final EventStore events;
    private final RuleEngine rules;
    private final DeliveryPlanner planner;
    private final DeliveryLanes lanes;
    private final ObjectMapper json;
    private final Clock clock;

    public DeadLetters(DeliveryStore store, EventStore events, RuleEngine rules, DeliveryPlanner planner,
                       DeliveryLanes lanes, Json json, Clock clock) {
        this.store = store;
        this.events = events;
        this.rules = rules;
        this.planner = planner;
        this.lanes = lanes;
        this.json = json.mapper();
        this.clock = clock;
    }

    /** Each dead letter with its event: the normalised data, the rules version and the decision it was made by. */
    public List<Map<String, Object>> list(DeadLetterFilter filter, int limit) {
        return withEvents(store.deadLetters(filter, limit));
    }

    public Optional<Map<String, Object>> find(String id) {
        return store.findById(id).map(d -> withEvents(List.of(d)).get(0));
    }

    public Outcome replay(String id, ReplayMode mode) {
        Optional<Delivery> found = store.findRow(id);
        if (found.isEmpty() || found.get().status() != dev.umhub.store.DeliveryStatus.DEAD) {
            return Outcome.NOT_DEAD;
        }
        Delivery d = found.get();
        // a dead letter never prepared (no such destination then, or its mapping failed) has nothing decided to
        // send: it is prepared now, with the current rules, whatever the mode asked
        boolean asDecided = mode == ReplayMode.AS_DECIDED && d.request() != null && d.request().has("body");
        Outcome outcome = asDecided ? (store.replay(id, clock.instant()) ? Outcome.REPLAYED : Outcome.NOT_DEAD)
                : reEvaluate(d);
        if (outcome == Outcome.REPLAYED) {
            lanes.wake(d.destination());
        }
        return outcome;
    }

    private Outcome reEvaluate(Delivery d) {
        StoredEvent stored = events.findForProcessing(d.eventId()).orElseThrow();
        PlatformEvent event = json.convertValue(stored.data(), PlatformEvent.class);
        // a destination the sender named stays the sender's choice: the rules were never asked for it
        Decision decision = Decision.isSenderChosen(stored.rulesVersion())
                ? new Decision(stored.rulesVersion(), List.of(), asChosen(d)) : rules.decide(event);
        if (decision.isFailed()) {
            log.warn("Dead letter {} to {} not replayed: {}", d.id(), d.destination(), decision.failure().describe());
            return Outcome.DECISION_FAILED;
        }
        List<Decision.ChosenDispatch> chosen = decision.byDestination().get(d.destination());
        if (chosen == null) {
            return store.skipDeadLetter(d.id(), "re-evaluated with rules " + decision.rulesVersion()
                    + ": no rule sends this event to " + d.destination() + " any more", clock.instant())
                    ? Outcome.SKIPPED : Outcome.NOT_DEAD;
        }
        DeliveryPlanner.Replanned r = planner.replan(event, chosen);
        if (!r.mappable()) {
            log.warn("Dead letter {} to {} not replayed: {}", d.id(), d.destination(), r.error());
            return Outcome.UNMAPPABLE;
        }
        return store.replayWith(d.id(), r.actions(), r.rules(), r.request(), r.contentKey(), clock.instant()) ? Outcome.REPLAYED
                : Outcome.NOT_DEAD;
    }

    private static List<Decision.ChosenDispatch> asChosen(Delivery d) {
        String why = d.rules().path(0).asText();
        List<Decision.ChosenDispatch> chosen = new java.util.ArrayList<>();
        d.actions().forEach(action -> chosen.add(new Decision.ChosenDispatch(d.destination(), action.asText(), why)));
        return chosen;
    }

    /** Each dead letter with its event, the events read in one query (without their bodies, which are not shown). */
    private List<Map<String, Object>> withEvents(List<Delivery> letters) {
        Map<String, StoredEvent> byId = events.decidedByIds(letters.stream().map(Delivery::eventId).distinct().toList())
                .stream().collect(Collectors.toMap(StoredEvent::id, e -> e));
        return letters.stream().map(d -> withEvent(d, byId.get(d.eventId()))).toList();
    }

    private static Map<String, Object> withEvent(Delivery d, StoredEvent e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("deadLetter", d);
        if (e != null) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("id", e.id());
            event.put("type", e.type());
            event.put("receivedAt", e.receivedAt());
            event.put("rulesVersion", e.rulesVersion());
            event.put("rulesFired", e.rulesFired());
            event.put("dispatches", e.dispatches());
            event.put("normalised", e.data());
            out.put("event", event);
        }
        return out;
    }
}

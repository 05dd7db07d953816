package dev.umhub.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.event.PlatformEvent;
import dev.umhub.rules.Decision;
import dev.umhub.store.EventStore;
import dev.umhub.store.Json;
import dev.umhub.store.StoredEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Completes an event with facts a later observation of the same change brings. The platform tells umhub about one
 * change in several ways (the REST poll, then the webhook 0.4 s later, or the other way round), and the first is
 * often the poorer: a REST payment has no customer email, name or reference. The later observation is a duplicate of
 * the change, yet what it knows more is merged into the event (only where the event had nothing), the rules decide
 * again with the richer facts, and destinations that now qualify get their delivery; a destination already planned for
 * the event is never planned again, so nothing is sent twice.
 */
@Component
public class LateFacts {

    private static final Logger log = LoggerFactory.getLogger(LateFacts.class);
    /** The parts of an event whose facts a later observation may complete. */
    private static final Set<String> PARTS = Set.of("customer", "membership", "payment", "plan", "site", "domain",
            "billing");

    private final Redecider redecider;
    private final EventStore events;
    private final Json json;

    private final org.springframework.transaction.support.TransactionTemplate savepoint;

    public LateFacts(Redecider redecider, EventStore events, Json json, dev.umhub.store.Store store) {
        this.redecider = redecider;
        this.events = events;
        this.json = json;
        this.savepoint = store.nested();
    }

    /** Events made by the same observation are within this of each other. */
    private static final java.time.Duration SAME_OBSERVATION = java.time.Duration.ofSeconds(5);

    /**
     * Completes the known event of a change and the events its observation made with it (a first payment polled is a
     * {@code payment.received} and a {@code checkout.completed}: the late webhook completes both).
     *
     * @return the destinations newly planned, to wake
     */
    public Set<String> completeChange(StoredEvent known, PlatformEvent later) {
        JsonNode fresh = json.mapper().valueToTree(later).path("data");
        Set<String> planned = new java.util.HashSet<>(complete(known, fresh));
        for (StoredEvent sibling : events.madeWith(known, SAME_OBSERVATION)) {
            planned.addAll(complete(sibling, fresh));
        }
        return planned;
    }

    /**
     * Completes known events with facts umhub learnt afterwards about an entity they name (the plan of a membership
     * the platform did not answer for when the events were decided, read by a later poll).
     *
     * @param facts event data parts, as in an event's {@code data}: {@code {"plan": {...}}}
     * @return the destinations newly planned, to wake
     */
    public Set<String> completeWith(List<StoredEvent> known, JsonNode facts) {
        Set<String> planned = new java.util.HashSet<>();
        for (StoredEvent event : known) {
            planned.addAll(complete(event, facts));
        }
        return planned;
    }

    /**
     * Merges what {@code fresh} (a later observation's data) knows more into the stored event and plans what the
     * richer facts now qualify. The merge is worked out in memory first: only an event that gains something opens a
     * savepoint of the caller's transaction, so a completion that fails (a bug; a rule that throws is a failed decision,
     * kept) is logged and undone, and the observation stays what it was, a duplicate, without failing the batch it
     * came in.
     *
     * @return the destinations newly planned
     */
    private Set<String> complete(StoredEvent known, JsonNode fresh) {
        if (Decision.isSenderChosen(known.rulesVersion())) {
            return Set.of(); // sent where its sender said: no rules decide it, with more facts or not
        }
        Merged merge = merge(known, fresh);
        if (merge.completed().isEmpty()) {
            return Set.of();
        }
        ObjectNode merged = merge.event();
        List<String> completed = merge.completed();
        try {
            return savepoint.execute(status -> plan(known, json.mapper().convertValue(merged, PlatformEvent.class),
                    completed));
        } catch (RuntimeException e) {
            log.warn("Event {} not completed by a later observation: {}", known.id(), e.toString());
            return Set.of();
        }
    }

    private Set<String> plan(StoredEvent known, PlatformEvent event, List<String> completed) {
        Redecider.Outcome outcome = redecider.decideAgain(known, event, json.write(event));
        if (outcome.decision().isFailed()) {
            // the richer facts are kept, and the failure with them: a redecide once the rule is fixed uses both
            log.warn("Event {} ({} {}) completed by a later observation ({}), but its rules failed ({}); its new"
                    + " deliveries wait for POST /api/events/{}/redecide", known.id(), known.type(), known.subject(),
                    completed, outcome.decision().failure().rule(), known.id());
            return Set.of();
        }
        log.info("Event {} ({} {}) completed by a later observation: {}; newly planned: {}", known.id(), known.type(),
                known.subject(), completed, outcome.planned().isEmpty() ? "nothing" : outcome.planned());
        return outcome.toWake();
    }

    /**
     * The known event with what {@code fresh} (a later observation's data) knows more, and the paths it filled
     * ({@code customer.email}, {@code payment.reference}); nothing is changed or stored. Empty when there is nothing
     * new, or the known event has no data to complete.
     */
    public static Merged merge(StoredEvent known, JsonNode fresh) {
        if (known.data() == null || !(known.data().path("data") instanceof ObjectNode)) {
            return new Merged(null, List.of());
        }
        ObjectNode merged = known.data().deepCopy();
        List<String> completed = new ArrayList<>();
        ObjectNode data = (ObjectNode) merged.path("data");
        for (String part : PARTS) {
            fill(data, part, fresh.path(part), part, completed);
        }
        return new Merged(merged, completed);
    }

    /** A known event completed in memory, and the paths filled. */
    public record Merged(ObjectNode event, List<String> completed) {
    }

    /** Sets what {@code fresh} has where {@code target.name} has nothing, recursively; records each path filled. */
    private static void fill(ObjectNode target, String name, JsonNode fresh, String path, List<String> completed) {
        if (fresh == null || fresh.isMissingNode() || fresh.isNull() || (fresh.isTextual() && fresh.asText().isBlank())) {
            return;
        }
        JsonNode current = target.get(name);
        if (current == null || current.isNull() || (current.isTextual() && current.asText().isBlank())) {
            target.set(name, fresh.deepCopy());
            completed.add(path);
            return;
        }
        if (current instanceof ObjectNode currentObject && fresh.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = fresh.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                fill(currentObject, field.getKey(), field.getValue(), path + "." + field.getKey(), completed);
            }
        }
    }
}

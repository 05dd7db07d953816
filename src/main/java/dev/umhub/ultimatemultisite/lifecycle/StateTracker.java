package dev.umhub.ultimatemultisite.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.event.Change;
import dev.umhub.event.EventType;
import dev.umhub.store.Json;
import dev.umhub.store.LifecycleStateStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Applies one sighting to the stored state of its entity, under the entity's row lock, and returns the lifecycle
 * events the change means. Must run inside a transaction that also journals those events: a crash then loses
 * neither the state nor its events, and never keeps one without the other.
 */
@Component
public class StateTracker {

    private final LifecycleStateStore store;
    private final ObjectMapper json;
    private final Clock clock;

    public StateTracker(LifecycleStateStore store, Json json, Clock clock) {
        this.store = store;
        this.json = json.mapper();
        this.clock = clock;
    }

    public Transitions.Result observe(Observation seen, boolean emit) {
        Snapshot known = store.lock(seen.kind(), seen.id(), clock.instant());
        Transitions.Result result = Transitions.apply(known, seen, emit, merge(known.partJson(), seen.part()));
        if (result.next() == null) {
            return result;
        }
        store.save(result.next(), clock.instant());
        List<Derived> derived = new ArrayList<>(result.derived());
        Snapshot now = result.next();
        if (emit && seen.kind() == EntityKind.PAYMENT && result.statusChanged() && "completed".equals(now.status())
                && now.membershipId() != null && !store.hasOtherCompletedPayment(now.membershipId(), now.id())) {
            // the membership's first completed payment is its checkout; the key names the membership, so a second
            // "first" payment (seen another way, or a renewal) can never make a second checkout
            derived.add(new Derived(EventType.CHECKOUT_COMPLETED, LifecycleKeys.of(EntityKind.MEMBERSHIP,
                    now.membershipId(), EventType.CHECKOUT_COMPLETED, LifecycleKeys.FIRST), EntityKind.PAYMENT, now.id(),
                    new Change(EntityKind.PAYMENT.value(), known.seen() ? known.status() : null, now.status(), null,
                            seen.via())));
        }
        return new Transitions.Result(now, derived, result.statusChanged());
    }

    /** Overlays the sighting's non-null fields on what earlier sightings told, so no sighting erases another's facts. */
    private String merge(String knownJson, Object part) {
        try {
            ObjectNode merged = knownJson == null ? json.createObjectNode() : (ObjectNode) json.readTree(knownJson);
            if (part != null) {
                JsonNode seen = json.valueToTree(part);
                seen.fields().forEachRemaining(f -> {
                    if (!f.getValue().isNull()) {
                        merged.set(f.getKey(), f.getValue());
                    }
                });
            }
            return json.writeValueAsString(merged);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("cannot merge the stored state of an entity", e);
        }
    }
}

package dev.umhub.ultimatemultisite.lifecycle;

import dev.umhub.event.EventType;
import dev.umhub.event.PlatformEvent;
import dev.umhub.ingest.IdempotencyKeys;
import dev.umhub.pipeline.Acceptance;
import dev.umhub.pipeline.EventPipeline;
import dev.umhub.pipeline.IngestResult;
import dev.umhub.pipeline.KeyedEvent;
import dev.umhub.pipeline.MessageBody;
import dev.umhub.store.EventStore;
import dev.umhub.store.Json;
import dev.umhub.store.LifecycleStateStore;
import dev.umhub.store.StoredEvent;
import dev.umhub.store.Store;
import dev.umhub.ultimatemultisite.UltimateMultisiteAdapter;
import dev.umhub.ultimatemultisite.enrich.Enricher;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the last state of every membership, payment and customer from webhooks and polling alike, and adds the
 * lifecycle events the platform never sends. A webhook's own event and the states it reveals are saved with the
 * derived events in one transaction.
 *
 * <p>When a webhook's event is itself a lifecycle moment ({@code payment_updated} with status failed is
 * {@code payment.failed}), its key is the change's key, not the payload's: a poll that sees the same failure later,
 * or saw it first, names the same event, so it is stored and delivered once.
 */
@Component
@Primary
public class LifecycleTracker implements Acceptance {

    /** How far back a plan learnt late completes the events of its membership, and how many at most. */
    private static final java.time.Duration PLAN_COMPLETES_EVENTS_OF = java.time.Duration.ofDays(7);
    private static final int PLAN_COMPLETES_AT_MOST = 500;

    private final EventPipeline intake;
    private final StateTracker states;
    private final LifecycleStateStore store;
    private final DerivedEvents derived;
    private final Enricher enricher;
    private final EventStore events;
    private final Json json;
    private final TransactionTemplate tx;
    private final Clock clock;

    public LifecycleTracker(EventPipeline intake, StateTracker states, LifecycleStateStore store, DerivedEvents derived,
                            Enricher enricher, EventStore events, Json json, Store storage, Clock clock) {
        this.intake = intake;
        this.states = states;
        this.store = store;
        this.derived = derived;
        this.enricher = enricher;
        this.events = events;
        this.json = json;
        this.tx = storage.tx();
        this.clock = clock;
    }

    @Override
    public IngestResult accept(KeyedEvent normalised, MessageBody body) {
        PlatformEvent event = normalised.event();
        List<Observation> seen = observations(event);
        if (seen.isEmpty()) {
            return intake.accept(normalised, body);
        }
        return tx.execute(status -> {
            List<Derived> changes = new ArrayList<>();
            for (Observation o : seen) {
                changes.addAll(states.observe(o, true).derived());
            }
            String key = changeKey(event).orElse(normalised.idempotencyKey());
            PlatformEvent primary = new PlatformEvent(IdempotencyKeys.eventId(key), event.source(), event.type(),
                    event.time(), event.subject(), event.origin(), event.test(), enricher.enrich(event.data()));
            IngestResult result = intake.accept(new KeyedEvent(primary, key), body);
            for (Derived d : changes) {
                if (!d.key().equals(key)) { // the webhook's own event already is this change
                    intake.accept(derived.build(d, event.time()), body);
                }
            }
            return result;
        });
    }

    /** The entity states a webhook's event reveals; none for other sources. */
    private static List<Observation> observations(PlatformEvent event) {
        return UltimateMultisiteAdapter.SOURCE.equals(event.source()) ? WebhookObservations.of(event) : List.of();
    }

    /**
     * The pipeline's batch begins, then the rows of every entity its webhooks report are locked at once, and the
     * completed payments of their memberships read at once (is a payment the first?); their new states are written
     * together (see {@link LifecycleStateStore#deferSaves}).
     */
    @Override
    public void beginBatch(List<KeyedEvent> batch) {
        intake.beginBatch(batch);
        store.deferSaves();
        List<LifecycleStateStore.Entity> entities = new ArrayList<>();
        List<String> membershipsPaid = new ArrayList<>();
        for (KeyedEvent keyed : batch) {
            observations(keyed.event()).forEach(o -> {
                entities.add(new LifecycleStateStore.Entity(o.kind(), o.id()));
                if (o.kind() == EntityKind.PAYMENT) {
                    membershipsPaid.add(o.membershipId());
                }
            });
        }
        store.lockAll(entities, clock.instant());
        store.readCompletedPayments(membershipsPaid);
    }

    /** What enrichment must read from the platform is read before the batch locks any entity row. */
    @Override
    public void prepare(KeyedEvent normalised) {
        PlatformEvent event = normalised.event();
        if (!observations(event).isEmpty()) {
            enricher.prefetch(event.membership() == null ? null : event.membership().id(), event.customer());
        }
    }

    /**
     * Records a REST object's state and journals the events its change means, in one transaction.
     *
     * @param emit false while taking the baseline: state only
     */
    public void observe(Observation seen, boolean emit, String rawObject) {
        if (emit) {
            enricher.prefetch(seen.kind() == EntityKind.MEMBERSHIP ? seen.id() : seen.membershipId(),
                    seen.kind() == EntityKind.CUSTOMER && seen.part() instanceof dev.umhub.event.Customer c ? c : null);
        }
        tx.executeWithoutResult(status -> {
            boolean planLearnt = emit && seen.kind() == EntityKind.MEMBERSHIP && seen.planId() != null
                    && store.find(EntityKind.MEMBERSHIP, seen.id()).filter(s -> s.planId() == null).isPresent();
            for (Derived d : states.observe(seen, emit).derived()) {
                intake.accept(derived.build(d, clock.instant()), MessageBody.unjournaled(rawObject));
            }
            if (planLearnt) {
                completeWithPlan(seen.id());
            }
        });
    }

    /**
     * A membership umhub knew only from webhooks (which carry no plan) and whose plan the platform did not answer for
     * then: its events were decided without the plan. Now that a poll read it, they get it, and the rules decide again
     * for the destinations the plan qualifies (none already planned is planned again).
     */
    private void completeWithPlan(String membershipId) {
        Optional<Snapshot> membership = store.find(EntityKind.MEMBERSHIP, membershipId);
        Optional<dev.umhub.event.Plan> plan = enricher.planOfMembership(membershipId);
        if (membership.isEmpty() || membership.get().customerId() == null || plan.isEmpty()) {
            return;
        }
        List<StoredEvent> lacking = events.ofCustomerSince(membership.get().customerId(),
                clock.instant().minus(PLAN_COMPLETES_EVENTS_OF), PLAN_COMPLETES_AT_MOST).stream()
                .filter(e -> lacksThePlanOf(e, membershipId)).toList();
        if (!lacking.isEmpty()) {
            intake.complete(lacking, json.mapper().createObjectNode().set("plan", json.mapper().valueToTree(plan.get())));
        }
    }

    /** A webhook event that is a lifecycle moment is recorded under its change's key, which a poll may have used first. */
    @Override
    public Optional<String> knownChange(PlatformEvent event) {
        // one read of the entity's state at most: a payment umhub has not seen is no change it knows
        return observations(event).isEmpty() ? Optional.empty() : changeKey(event).map(IdempotencyKeys::eventId);
    }

    private static boolean lacksThePlanOf(StoredEvent event, String membershipId) {
        com.fasterxml.jackson.databind.JsonNode data = event.data() == null ? null : event.data().path("data");
        return data != null && membershipId.equals(data.path("membership").path("id").asText(null))
                && (data.path("plan").isMissingNode() || data.path("plan").isNull());
    }

    /** The key of the change a webhook's own event stands for, when it stands for one. */
    private Optional<String> changeKey(PlatformEvent event) {
        String subject = event.subject();
        int slash = subject == null ? -1 : subject.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String id = subject.substring(slash + 1);
        EntityKind kind = switch (subject.substring(0, slash)) {
            case "payment" -> EntityKind.PAYMENT;
            case "membership" -> EntityKind.MEMBERSHIP;
            case "customer" -> EntityKind.CUSTOMER;
            default -> null;
        };
        if (kind == EntityKind.CUSTOMER) {
            return EventType.CUSTOMER_CREATED.value().equals(event.type())
                    ? Optional.of(LifecycleKeys.of(kind, id, EventType.CUSTOMER_CREATED, LifecycleKeys.FIRST))
                    : Optional.empty();
        }
        if (kind == null) {
            return Optional.empty();
        }
        return store.find(kind, id).filter(s -> {
            EventType moment = Transitions.statusEvent(kind, s.status());
            return moment != null && moment.value().equals(event.type());
        }).map(s -> LifecycleKeys.of(kind, id, Transitions.statusEvent(kind, s.status()),
                LifecycleKeys.episode(s.statusSeq())));
    }
}

package dev.umhub.ultimatemultisite.enrich;

import dev.umhub.event.Customer;
import dev.umhub.event.EventData;
import dev.umhub.event.Plan;
import dev.umhub.store.Json;
import dev.umhub.store.LifecycleStateStore;
import dev.umhub.ultimatemultisite.lifecycle.EntityKind;
import dev.umhub.ultimatemultisite.lifecycle.Snapshot;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Adds what the platform's messages lack to the facts rules see: the membership's plan, and the customer's email
 * when the message has none (REST customers never do). Whatever must be read from the platform is read by
 * {@link #prefetch} before the ingest transaction opens; inside it, {@link #enrich} uses only what umhub knows, so
 * no HTTP call is ever made while entity rows are locked.
 */
@Component
public class Enricher {

    private final LifecycleStateStore states;
    private final PlanCatalog plans;
    private final CustomerEmails emails;
    private final Json json;

    public Enricher(LifecycleStateStore states, PlanCatalog plans, CustomerEmails emails, Json json) {
        this.states = states;
        this.plans = plans;
        this.emails = emails;
        this.json = json;
    }

    /**
     * Reads from the platform (when configured and not cached) what {@link #enrich} will want for an event about these
     * entities: the plan of its membership, the email of its customer. Call outside any transaction.
     */
    public void prefetch(String membershipId, Customer customer) {
        // nothing to ask for (the usual case without REST credentials): no store reads either
        if (membershipId != null && plans.asksThePlatform()) {
            Optional<String> planId = states.find(EntityKind.MEMBERSHIP, membershipId).map(Snapshot::planId);
            if (planId.isPresent()) {
                plans.find(planId.get());
            } else {
                plans.learnPlanOfMembership(membershipId); // a fast checkout: its webhook came before any poll
            }
        }
        if (customer != null && customer.email() == null && emails.asksWordPress(customer.userId())) {
            emails.find(customer.id(), customer.userId());
        }
    }

    public EventData enrich(EventData data) {
        EventData out = data;
        if (out.plan() == null && out.membership() != null) {
            Plan plan = planOfMembership(out.membership().id()).orElse(null);
            out = plan == null ? out : out.withPlan(plan);
        }
        Customer c = out.customer();
        if (c != null && c.email() == null) {
            String email = emails.known(c.id(), c.userId()).orElse(null);
            if (email != null) {
                out = out.withCustomer(new Customer(c.id(), c.name(), c.userId(), email, c.emailVerification(),
                        c.billingAddress(), c.manageUrl()));
            }
        }
        return out;
    }

    public Optional<Plan> planOfMembership(String membershipId) {
        return states.find(EntityKind.MEMBERSHIP, membershipId).map(Snapshot::planId)
                .or(() -> plans.knownPlanIdOf(membershipId)).flatMap(plans::known);
    }

    /** One field of an entity's stored state, or null when umhub has not seen the entity. */
    public String snapshotField(EntityKind kind, String id, java.util.function.Function<Snapshot, String> field) {
        return states.find(kind, id).map(field).orElse(null);
    }

    /** The merged part umhub keeps for an entity, as its event record type. */
    public <T> Optional<T> part(EntityKind kind, String id, Class<T> type) {
        return states.find(kind, id).map(Snapshot::partJson).filter(p -> !p.isBlank()).map(p -> json.read(p, type));
    }
}

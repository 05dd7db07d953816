package dev.umhub.ultimatemultisite.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.event.Plan;
import dev.umhub.ultimatemultisite.BillingPeriod;
import dev.umhub.ultimatemultisite.PayloadFields;
import dev.umhub.ultimatemultisite.platform.PlatformRestClient;
import dev.umhub.ultimatemultisite.platform.PlatformRestException;
import dev.umhub.ultimatemultisite.platform.PlatformRestProperties;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The platform's plans by id, and which plan each membership has. Membership objects carry their plan in
 * {@code compiled_product_list}, which the reconciliation hands here as it reads them; a plan not seen that way is read
 * from {@code /product/{id}}, and the plan of a membership umhub has not seen yet (a webhook of a fast checkout,
 * before any poll) from {@code /membership/{id}}.
 */
@Component
public class PlanCatalog {

    private static final Logger log = LoggerFactory.getLogger(PlanCatalog.class);
    /** How long a membership the platform did not answer for is not asked for again. */
    private static final java.time.Duration UNREAD_FOR = java.time.Duration.ofMinutes(5);

    private final TtlCache<Plan> plans;
    /** Membership id to plan id, as the membership objects read said. */
    private final TtlCache<String> planOfMembership;
    /** Memberships the platform did not answer for lately: not asked again for each of their events. */
    private final TtlCache<Boolean> unreadMemberships;
    private final PlatformRestClient client;
    private final PlatformRestProperties properties;

    public PlanCatalog(PlatformRestClient client, PlatformRestProperties properties, Clock clock) {
        this.plans = new TtlCache<>(properties.getCacheTtl(), clock);
        this.planOfMembership = new TtlCache<>(properties.getCacheTtl(), clock);
        this.unreadMemberships = new TtlCache<>(UNREAD_FOR, clock);
        this.client = client;
        this.properties = properties;
    }

    /** Remembers the products of a REST membership object ({@code compiled_product_list[].product}). */
    public void learnFrom(JsonNode membership) {
        if (membership instanceof ObjectNode object) {
            PayloadFields f = new PayloadFields(object);
            String id = f.id("id");
            String planId = f.id("plan_id");
            if (id != null && planId != null && !"0".equals(planId)) {
                planOfMembership.put(id, planId);
            }
        }
        for (JsonNode item : membership.path("compiled_product_list")) {
            if (item.path("product") instanceof ObjectNode product) {
                Plan plan = plan(product);
                if (plan.id() != null) {
                    plans.put(plan.id(), plan);
                }
            }
        }
    }

    /** The plan as far as umhub knows it already, without asking the platform: for use inside a transaction. */
    public Optional<Plan> known(String planId) {
        return planId == null ? Optional.empty() : plans.any(planId);
    }

    /** The plan id of a membership, as far as umhub has read it already. */
    public Optional<String> knownPlanIdOf(String membershipId) {
        return membershipId == null ? Optional.empty() : planOfMembership.any(membershipId);
    }

    /**
     * Reads the plan of a membership umhub knows no state of from the platform's REST API (the membership, then its
     * plan when the membership's product list lacks it), for {@link #known} to answer: never call inside a
     * transaction, and only when {@link #asksThePlatform}. When the platform does not answer, the event is decided
     * without the plan.
     */
    public void learnPlanOfMembership(String membershipId) {
        if (membershipId == null || membershipId.isBlank() || "0".equals(membershipId)) {
            return;
        }
        Optional<String> planId = planOfMembership.fresh(membershipId);
        if (planId.isEmpty() && unreadMemberships.fresh(membershipId).isEmpty()) {
            try {
                if (client.get("membership/" + membershipId) instanceof ObjectNode membership) {
                    learnFrom(membership);
                }
            } catch (PlatformRestException e) {
                // a platform that is down must not cost every event of the membership a timeout on the processor
                unreadMemberships.put(membershipId, Boolean.TRUE);
                log.warn("Membership {} not read from the platform ({}); its events go on without the plan (not asked"
                        + " again for {})", membershipId, e.getMessage(), UNREAD_FOR);
            }
            planId = planOfMembership.any(membershipId);
        }
        planId.ifPresent(this::find);
    }

    /** Whether {@link #find} may ask the platform at all (its REST API is configured). */
    public boolean asksThePlatform() {
        return properties.isConfigured();
    }

    /** The plan, read from the platform's REST API when not known fresh: never call inside a transaction. */
    public Optional<Plan> find(String planId) {
        if (planId == null || planId.isBlank() || "0".equals(planId)) {
            return Optional.empty();
        }
        Optional<Plan> fresh = plans.fresh(planId);
        if (fresh.isPresent() || !asksThePlatform()) {
            return fresh.or(() -> plans.any(planId));
        }
        try {
            if (client.get("product/" + planId) instanceof ObjectNode product) {
                Plan plan = plan(product);
                plans.put(planId, plan);
                return Optional.of(plan);
            }
        } catch (PlatformRestException e) {
            log.warn("Plan {} not read from the platform ({}); events go on without it", planId, e.getMessage());
        }
        return plans.any(planId);
    }

    static Plan plan(ObjectNode product) {
        PayloadFields f = new PayloadFields(product);
        BigDecimal duration = f.decimal("duration");
        // a free plan is stored with a duration too ("1 day"): only a recurring one has a billing period
        BillingPeriod period = BillingPeriod.fromFields(f.bool("recurring"), duration, f.text("duration_unit"));
        return new Plan(f.id("id"), f.text("name"), f.text("type"), f.text("pricing_type"), f.decimal("amount"),
                f.text("currency"), duration == null ? null : duration.intValue(), f.text("duration_unit"),
                period.period(), period.interval());
    }
}

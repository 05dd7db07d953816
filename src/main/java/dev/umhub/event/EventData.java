package dev.umhub.event;

import java.util.Map;

/**
 * The typed body of a {@link PlatformEvent}. Every part is optional because the platform enforces no keys.
 *
 * @param extra  the few slug-specific values that belong to no part ({@code verification_link},
 *               {@code default_payment_url}, {@code wu_version})
 * @param plan   the membership's plan, added by umhub from what the REST API told it (null when unknown)
 * @param change for derived lifecycle events: what changed (from, to); null for events the platform sent as such
 */
public record EventData(Customer customer, Membership membership, Payment payment, Site site, Domain domain,
                        Billing billing, Map<String, String> extra, Plan plan, Change change) {

    /** The parts a webhook body carries, before umhub adds what it knows. */
    public EventData(Customer customer, Membership membership, Payment payment, Site site, Domain domain,
                     Billing billing, Map<String, String> extra) {
        this(customer, membership, payment, site, domain, billing, extra, null, null);
    }

    public EventData withPlan(Plan plan) {
        return new EventData(customer, membership, payment, site, domain, billing, extra, plan, change);
    }

    public EventData withCustomer(Customer customer) {
        return new EventData(customer, membership, payment, site, domain, billing, extra, plan, change);
    }
}

package dev.umhub.event;

import java.util.Map;

/**
 * The typed body of a {@link PlatformEvent}. Every part is optional because the platform enforces no keys.
 *
 * @param extra the few slug-specific values that belong to no part ({@code verification_link},
 *              {@code default_payment_url}, {@code wu_version})
 */
public record EventData(Customer customer, Membership membership, Payment payment, Site site, Domain domain,
                        Billing billing, Map<String, String> extra) {
}

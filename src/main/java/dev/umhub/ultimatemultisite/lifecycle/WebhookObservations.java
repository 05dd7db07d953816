package dev.umhub.ultimatemultisite.lifecycle;

import dev.umhub.event.Customer;
import dev.umhub.event.Membership;
import dev.umhub.event.Payment;
import dev.umhub.event.PlatformEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The entity states a webhook body reveals: its customer, membership and payment blocks. In lock order (customer,
 * membership, payment), so two webhooks about the same entities can never wait on each other.
 */
final class WebhookObservations {

    private static final int MAX_ID = 64;
    private static final int MAX_STATUS = 32;

    private WebhookObservations() {
    }

    static List<Observation> of(PlatformEvent e) {
        List<Observation> out = new ArrayList<>();
        if (e.test()) {
            return out; // mock data (ids 0, "John McMocked") must not touch real entities' states
        }
        String via = "webhook:" + e.origin();
        Customer c = e.customer();
        Membership m = e.membership();
        Payment p = e.payment();
        String customerId = c != null && real(c.id()) ? c.id() : null;
        String membershipId = m != null && real(m.id()) ? m.id() : null;
        if (customerId != null) {
            out.add(new Observation(EntityKind.CUSTOMER, customerId, null, null, null, null, customerId, null, e.time(),
                    c, via));
        }
        if (membershipId != null) {
            out.add(new Observation(EntityKind.MEMBERSHIP, membershipId, status(m.status()), null, m.amount(), null, customerId,
                    null, e.time(), m, via));
        }
        if (p != null && real(p.id())) {
            out.add(new Observation(EntityKind.PAYMENT, p.id(), status(p.status()), null, p.total(), membershipId, customerId,
                    null, e.time(), p, via));
        }
        return out;
    }

    /** A usable entity id: present, not the test events' 0, and short enough for the state table. */
    static boolean real(String id) {
        return id != null && !id.isBlank() && !"0".equals(id) && id.length() <= MAX_ID;
    }

    /** Statuses the platform never sends this long are not states to compare; the sighting keeps the known one. */
    static String status(String status) {
        return status == null || status.length() > MAX_STATUS ? null : status;
    }
}

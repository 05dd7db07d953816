package dev.umhub.ultimatemultisite.lifecycle;

import dev.umhub.event.Customer;
import dev.umhub.event.EventData;
import dev.umhub.event.Membership;
import dev.umhub.event.Payment;
import dev.umhub.event.PlatformEvent;
import dev.umhub.ingest.IdempotencyKeys;
import dev.umhub.pipeline.KeyedEvent;
import dev.umhub.ultimatemultisite.UltimateMultisiteAdapter;
import dev.umhub.ultimatemultisite.enrich.Enricher;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Builds the canonical event of a derived change from the states umhub keeps, not from the message that revealed it,
 * so an event has the same shape whether a webhook or a poll revealed the change: the entity, its membership and
 * customer, the plan, and the change itself.
 */
@Component
public class DerivedEvents {

    /** The origin of derived events; {@code data.change.via} tells how the change was seen. */
    public static final String ORIGIN = "lifecycle";

    private final Enricher enricher;

    public DerivedEvents(Enricher enricher) {
        this.enricher = enricher;
    }

    public KeyedEvent build(Derived d, Instant time) {
        Payment payment = null;
        Membership membership = null;
        String membershipId = null;
        String customerId = null;
        switch (d.kind()) {
            case PAYMENT -> {
                payment = enricher.part(EntityKind.PAYMENT, d.entityId(), Payment.class).orElse(null);
                membershipId = enricher.snapshotField(EntityKind.PAYMENT, d.entityId(), Snapshot::membershipId);
                customerId = enricher.snapshotField(EntityKind.PAYMENT, d.entityId(), Snapshot::customerId);
            }
            case MEMBERSHIP -> {
                membershipId = d.entityId();
                customerId = enricher.snapshotField(EntityKind.MEMBERSHIP, d.entityId(), Snapshot::customerId);
            }
            case CUSTOMER -> customerId = d.entityId();
        }
        if (membershipId != null) {
            membership = enricher.part(EntityKind.MEMBERSHIP, membershipId, Membership.class).orElse(null);
        }
        Customer customer = customerId == null ? null
                : enricher.part(EntityKind.CUSTOMER, customerId, Customer.class)
                        .orElse(new Customer(customerId, null, null, null, null, null, null));
        EventData data = new EventData(customer, membership, payment, null, null, null, Map.of(),
                membershipId == null ? null : enricher.planOfMembership(membershipId).orElse(null), d.change());
        PlatformEvent event = new PlatformEvent(IdempotencyKeys.eventId(d.key()), UltimateMultisiteAdapter.SOURCE,
                d.type().value(), time, d.kind().value() + "/" + d.entityId(), ORIGIN, false, enricher.enrich(data));
        return new KeyedEvent(event, d.key());
    }
}

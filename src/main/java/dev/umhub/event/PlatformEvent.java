package dev.umhub.event;

import java.time.Instant;

/**
 * One canonical platform event, named after CloudEvents attributes so any source format maps onto it.
 *
 * @param id      stable event id, derived from the idempotency key (a re-sent payload gets the same id)
 * @param source  where it came from, e.g. {@code ultimate-multisite}
 * @param type    canonical type, see {@link EventType}
 * @param time    when umhub received it
 * @param subject the entity it is about, e.g. {@code payment/812}
 * @param origin  the source's own name for the event (for Ultimate Multisite: the webhook slug)
 * @param test    true for the platform's "Send Test Event" mock payloads: decided, by default not delivered
 */
public record PlatformEvent(String id, String source, String type, Instant time, String subject, String origin,
                            boolean test, EventData data) {

    public static final String SPEC_VERSION = "1.0";

    public Customer customer() {
        return data.customer();
    }

    public Membership membership() {
        return data.membership();
    }

    public Payment payment() {
        return data.payment();
    }
}

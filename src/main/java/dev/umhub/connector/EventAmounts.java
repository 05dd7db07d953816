package dev.umhub.connector;

import dev.umhub.event.Membership;
import dev.umhub.event.Payment;
import dev.umhub.event.PlatformEvent;
import java.math.BigDecimal;

/** The amount an event is about, the same in every connector that shows or counts one. */
public final class EventAmounts {

    private EventAmounts() {
    }

    /** The payment's total, else the membership's recurring amount; null when the event has neither. */
    public static BigDecimal amount(PlatformEvent event) {
        Payment p = event.payment();
        Membership m = event.membership();
        return p != null && p.total() != null ? p.total() : m == null ? null : m.amount();
    }

    /** The payment's currency, else the membership's. */
    public static String currency(PlatformEvent event) {
        Payment p = event.payment();
        Membership m = event.membership();
        return p != null && p.currency() != null ? p.currency() : m == null ? null : m.currency();
    }
}

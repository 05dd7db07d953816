package dev.umhub.ultimatemultisite.lifecycle;

import java.util.Locale;

/** The platform entities whose states umhub remembers; {@link #value()} is also the REST route (singular). */
public enum EntityKind {
    CUSTOMER, MEMBERSHIP, PAYMENT;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package dev.umhub.store;

/** Where a delivery stands. */
public enum DeliveryStatus {
    /** Waiting for its next attempt (the first, or a retry). */
    PENDING,
    /** The provider took it. */
    DELIVERED,
    /** A dead letter: refused permanently, or out of retries. Replayable. */
    DEAD,
    /** Not sent on purpose: a dry run (no credentials) or a platform test event. */
    SKIPPED;

    public String column() {
        return name().toLowerCase();
    }

    public static DeliveryStatus of(String column) {
        return valueOf(column.toUpperCase());
    }
}

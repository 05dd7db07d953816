package dev.umhub.store;

import java.util.Arrays;
import java.util.Map;

/** Where an event stands as a whole, from its decision and its deliveries; the first that applies, in this order. */
public enum EventStatus {
    /** The rules threw: nothing planned, waiting for a redecide. */
    DECISION_FAILED("decision-failed"),
    /** At least one delivery is a dead letter. */
    DEAD("dead"),
    /** At least one delivery waits for an attempt (first or retry). */
    PENDING("pending"),
    /** Every delivery that was sent was taken. */
    DELIVERED("delivered"),
    /** Only deliveries not sent on purpose (a platform test event, a destination in dry run). */
    SKIPPED("skipped"),
    /** No destination was decided. */
    NONE("none");

    private final String value;

    EventStatus(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** The status a filter names; {@code IllegalArgumentException} with the values it takes otherwise. */
    public static EventStatus of(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equalsIgnoreCase(value.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("status takes one of "
                        + Arrays.stream(values()).map(EventStatus::value).toList() + ", got " + value));
    }

    /** An event's status from whether its decision failed and its deliveries' counts by status. */
    static EventStatus of(boolean decisionFailed, Map<DeliveryStatus, Long> deliveries) {
        if (decisionFailed) {
            return DECISION_FAILED;
        }
        if (deliveries.getOrDefault(DeliveryStatus.DEAD, 0L) > 0) {
            return DEAD;
        }
        if (deliveries.getOrDefault(DeliveryStatus.PENDING, 0L) > 0) {
            return PENDING;
        }
        if (deliveries.getOrDefault(DeliveryStatus.DELIVERED, 0L) > 0) {
            return DELIVERED;
        }
        return deliveries.getOrDefault(DeliveryStatus.SKIPPED, 0L) > 0 ? SKIPPED : NONE;
    }
}

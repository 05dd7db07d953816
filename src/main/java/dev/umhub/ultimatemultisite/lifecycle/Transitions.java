package dev.umhub.ultimatemultisite.lifecycle;

import dev.umhub.event.Change;
import dev.umhub.event.EventType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Compares a sighting with the last state seen of the same entity: the next state, and the lifecycle events the
 * difference means. Pure: no I/O, so every rule of "what counts as a change" is tested without a database.
 */
public final class Transitions {

    private static final Set<String> COMPLETED_ONCE = Set.of("completed", "refunded", "partially-refunded");

    private Transitions() {
    }

    /**
     * @param next  the state to keep; null when the sighting was older than what umhub knows (nothing changes)
     */
    public record Result(Snapshot next, List<Derived> derived, boolean statusChanged) {
    }

    /** The event a status stands for, or null for statuses that are not lifecycle moments of their own. */
    public static EventType statusEvent(EntityKind kind, String status) {
        if (status == null) {
            return null;
        }
        return switch (kind) {
            case MEMBERSHIP -> switch (status) {
                case "cancelled" -> EventType.MEMBERSHIP_CANCELLED;
                case "expired" -> EventType.MEMBERSHIP_EXPIRED;
                case "on-hold" -> EventType.MEMBERSHIP_ON_HOLD;
                default -> null;
            };
            case PAYMENT -> switch (status) {
                case "completed" -> EventType.PAYMENT_RECEIVED;
                case "failed" -> EventType.PAYMENT_FAILED;
                case "refunded", "partially-refunded" -> EventType.PAYMENT_REFUNDED;
                default -> null;
            };
            case CUSTOMER -> null;
        };
    }

    /**
     * An older state never makes a transition. REST objects are ordered by the platform's {@code date_modified};
     * webhooks have none, so any sighting that carries no better proof is ordered by when umhub read it (a page
     * fetched before a webhook arrived is older than the webhook).
     */
    static boolean older(Snapshot known, Observation seen) {
        if (known == null || !known.seen()) {
            return false;
        }
        if (seen.dateModified() != null && known.dateModified() != null) {
            int byPlatform = seen.dateModified().compareTo(known.dateModified());
            if (byPlatform != 0) {
                return byPlatform < 0;
            }
        }
        return seen.asOf().isBefore(known.observedAt());
    }

    /**
     * @param emit false during a baseline: the state is recorded, nothing is derived
     */
    public static Result apply(Snapshot known, Observation seen, boolean emit, String mergedPartJson) {
        if (older(known, seen)) {
            return new Result(null, List.of(), false); // older than the known state: ignored
        }
        boolean wasSeen = known != null && known.seen();
        String before = wasSeen ? known.status() : null;
        String status = seen.status() != null ? seen.status() : before;
        boolean statusChanged = status != null && !status.equals(before);
        int seq = (known == null ? 0 : known.statusSeq()) + (statusChanged ? 1 : 0);
        String planBefore = wasSeen ? known.planId() : null;
        BigDecimal amountBefore = wasSeen ? known.amount() : null;
        Snapshot next = new Snapshot(seen.kind(), seen.id(), status, seq, first(seen.planId(), planBefore),
                first(seen.amount(), amountBefore), first(seen.membershipId(), wasSeen ? known.membershipId() : null),
                first(seen.customerId(), wasSeen ? known.customerId() : null),
                wasSeen && known.everCompleted() || status != null && COMPLETED_ONCE.contains(status),
                seen.dateModified(), seen.asOf(), mergedPartJson);
        List<Derived> derived = new ArrayList<>();
        if (emit) {
            String id = seen.id();
            EntityKind kind = seen.kind();
            if (kind == EntityKind.CUSTOMER && !wasSeen) {
                derived.add(new Derived(EventType.CUSTOMER_CREATED,
                        LifecycleKeys.of(kind, id, EventType.CUSTOMER_CREATED, LifecycleKeys.FIRST), kind, id,
                        new Change(kind.value(), null, null, null, seen.via())));
            }
            if (statusChanged) {
                Change change = new Change(kind.value(), before, status, null, seen.via());
                String episode = LifecycleKeys.episode(seq);
                if (kind == EntityKind.MEMBERSHIP && before != null) {
                    derived.add(new Derived(EventType.MEMBERSHIP_STATUS_CHANGED,
                            LifecycleKeys.of(kind, id, EventType.MEMBERSHIP_STATUS_CHANGED, episode), kind, id, change));
                }
                EventType moment = statusEvent(kind, status);
                if (moment != null) {
                    derived.add(new Derived(moment, LifecycleKeys.of(kind, id, moment, episode), kind, id, change));
                }
            }
            if (kind == EntityKind.MEMBERSHIP && planBefore != null && seen.planId() != null
                    && !planBefore.equals(seen.planId())) {
                String version = seen.dateModified() != null ? String.valueOf(seen.dateModified().getEpochSecond())
                        : String.valueOf(seen.asOf().toEpochMilli());
                derived.add(new Derived(EventType.MEMBERSHIP_PLAN_CHANGED,
                        LifecycleKeys.of(kind, id, EventType.MEMBERSHIP_PLAN_CHANGED,
                                planBefore + ">" + seen.planId() + "@" + version), kind, id,
                        new Change(kind.value(), planBefore, seen.planId(), direction(amountBefore, seen.amount()),
                                seen.via())));
            }
        }
        return new Result(next, derived, statusChanged);
    }

    /** Upgrade or downgrade by the recurring amount; null when either amount is unknown. */
    static String direction(BigDecimal before, BigDecimal after) {
        if (before == null || after == null) {
            return null;
        }
        int c = after.compareTo(before);
        return c > 0 ? "upgrade" : c < 0 ? "downgrade" : "same";
    }

    private static <T> T first(T a, T b) {
        return a != null ? a : b;
    }
}

package dev.umhub.ultimatemultisite.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.umhub.event.EventType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What counts as a change, without a database: the state machine every sighting goes through. */
class TransitionsTest {

    private static final Instant T0 = Instant.parse("2026-11-28T01:00:00Z");

    private static Observation rest(EntityKind kind, String id, String status, int modifiedSecond, int readSecond) {
        return new Observation(kind, id, status, null, null, null, null, T0.plusSeconds(modifiedSecond),
                T0.plusSeconds(readSecond), null, "rest");
    }

    private static Observation webhook(EntityKind kind, String id, String status, int receivedSecond) {
        return new Observation(kind, id, status, null, null, null, null, null, T0.plusSeconds(receivedSecond), null,
                "webhook:membership_updated");
    }

    private static Observation plan(String planId, String amount, int second) {
        return new Observation(EntityKind.MEMBERSHIP, "3", "active", planId, new BigDecimal(amount), null, "4",
                T0.plusSeconds(second), T0.plusSeconds(second), null, "rest");
    }

    /** Applies sightings in order, as the tracker does; answers every event type derived, in order. */
    private static List<String> run(boolean emit, Observation... seen) {
        Snapshot s = null;
        List<String> out = new java.util.ArrayList<>();
        for (Observation o : seen) {
            Transitions.Result r = Transitions.apply(s, o, emit, "{}");
            r.derived().forEach(d -> out.add(d.type().value()));
            if (r.next() != null) {
                s = r.next();
            }
        }
        return out;
    }

    @Test
    void aBaselineRecordsStatesButDerivesNothing() {
        assertThat(run(false, rest(EntityKind.MEMBERSHIP, "1", "cancelled", 0, 1))).isEmpty();
        assertThat(run(false, rest(EntityKind.CUSTOMER, "1", null, 0, 1))).isEmpty();
    }

    @Test
    void aStatusChangeIsTheMomentAndAStatusChanged() {
        assertThat(run(true, rest(EntityKind.MEMBERSHIP, "1", "active", 0, 1),
                rest(EntityKind.MEMBERSHIP, "1", "cancelled", 5, 6)))
                .containsExactly("membership.status_changed", "membership.cancelled");
        assertThat(run(true, rest(EntityKind.MEMBERSHIP, "1", "active", 0, 1),
                rest(EntityKind.MEMBERSHIP, "1", "expired", 5, 6), rest(EntityKind.MEMBERSHIP, "1", "on-hold", 7, 8)))
                .containsExactly("membership.status_changed", "membership.expired", "membership.status_changed",
                        "membership.on_hold");
        assertThat(run(true, rest(EntityKind.PAYMENT, "2", "pending", 0, 1), rest(EntityKind.PAYMENT, "2", "failed", 3, 4),
                rest(EntityKind.PAYMENT, "2", "completed", 5, 6), rest(EntityKind.PAYMENT, "2", "refunded", 7, 8)))
                .containsExactly("payment.failed", "payment.received", "payment.refunded");
    }

    @Test
    void theSameStateSeenAgainIsNoChange() {
        assertThat(run(true, rest(EntityKind.PAYMENT, "2", "failed", 3, 4), rest(EntityKind.PAYMENT, "2", "failed", 3, 9),
                webhook(EntityKind.PAYMENT, "2", "failed", 10), rest(EntityKind.PAYMENT, "2", "failed", 11, 12)))
                .containsExactly("payment.failed");
    }

    @Test
    void anOlderStateNeverMakesATransition() {
        // by the platform's date_modified
        assertThat(run(true, rest(EntityKind.MEMBERSHIP, "1", "active", 0, 1),
                rest(EntityKind.MEMBERSHIP, "1", "cancelled", 10, 11), rest(EntityKind.MEMBERSHIP, "1", "active", 5, 12)))
                .containsExactly("membership.status_changed", "membership.cancelled");
        // a page fetched before a webhook arrived is older than the webhook, whatever its date_modified
        assertThat(run(true, rest(EntityKind.MEMBERSHIP, "1", "active", 0, 1), webhook(EntityKind.MEMBERSHIP, "1",
                "cancelled", 20), rest(EntityKind.MEMBERSHIP, "1", "active", 15, 19)))
                .containsExactly("membership.status_changed", "membership.cancelled");
    }

    @Test
    void firstSightOfATerminalStateIsItsMomentButNoStatusChanged() {
        assertThat(run(true, rest(EntityKind.MEMBERSHIP, "1", "cancelled", 0, 1))).containsExactly("membership.cancelled");
        assertThat(run(true, rest(EntityKind.MEMBERSHIP, "1", "active", 0, 1))).isEmpty();
        assertThat(run(true, rest(EntityKind.CUSTOMER, "1", null, 0, 1), rest(EntityKind.CUSTOMER, "1", null, 0, 2)))
                .containsExactly("customer.created");
    }

    @Test
    void aWebhookWithoutStatusKeepsTheKnownStatus() {
        assertThat(run(true, rest(EntityKind.PAYMENT, "2", "failed", 3, 4), webhook(EntityKind.PAYMENT, "2", null, 10),
                rest(EntityKind.PAYMENT, "2", "failed", 11, 12))).containsExactly("payment.failed");
    }

    @Test
    void theSameChangeHasTheSameKeyWhicheverWayItWasSeen() {
        Snapshot active = Transitions.apply(null, rest(EntityKind.PAYMENT, "6", "pending", 0, 1), false, "{}").next();
        Derived byPoll = Transitions.apply(active, rest(EntityKind.PAYMENT, "6", "failed", 5, 6), true, "{}")
                .derived().get(0);
        Derived byWebhook = Transitions.apply(active, webhook(EntityKind.PAYMENT, "6", "failed", 3), true, "{}")
                .derived().get(0);
        assertThat(byPoll.key()).isEqualTo(byWebhook.key());
        assertThat(byPoll.type()).isEqualTo(EventType.PAYMENT_FAILED);
        // a second failure after a recovery is a new change with a new key
        Snapshot failed = Transitions.apply(active, rest(EntityKind.PAYMENT, "6", "failed", 5, 6), true, "{}").next();
        Snapshot retried = Transitions.apply(failed, rest(EntityKind.PAYMENT, "6", "pending", 7, 8), true, "{}").next();
        Derived again = Transitions.apply(retried, rest(EntityKind.PAYMENT, "6", "failed", 9, 10), true, "{}")
                .derived().get(0);
        assertThat(again.key()).isNotEqualTo(byPoll.key());
    }

    @Test
    void aPlanChangeSaysUpgradeOrDowngradeByAmount() {
        Snapshot free = Transitions.apply(null, plan("2", "0", 0), false, "{}").next();
        Transitions.Result up = Transitions.apply(free, plan("1", "29", 5), true, "{}");
        assertThat(up.derived()).singleElement().satisfies(d -> {
            assertThat(d.type()).isEqualTo(EventType.MEMBERSHIP_PLAN_CHANGED);
            assertThat(d.change().from()).isEqualTo("2");
            assertThat(d.change().to()).isEqualTo("1");
            assertThat(d.change().direction()).isEqualTo("upgrade");
        });
        assertThat(Transitions.apply(up.next(), plan("2", "0", 9), true, "{}").derived().get(0).change().direction())
                .isEqualTo("downgrade");
        assertThat(Transitions.apply(up.next(), plan("1", "29", 9), true, "{}").derived()).isEmpty();
    }

    @Test
    void refundedPaymentsCountAsOnceCompleted() {
        Snapshot refunded = Transitions.apply(null, rest(EntityKind.PAYMENT, "2", "refunded", 0, 1), false, "{}").next();
        assertThat(refunded.everCompleted()).isTrue();
        Snapshot nothing = Transitions.apply(null, rest(EntityKind.PAYMENT, "3", null, 0, 1), false, "{}").next();
        assertThat(nothing.everCompleted()).isFalse();
    }
}

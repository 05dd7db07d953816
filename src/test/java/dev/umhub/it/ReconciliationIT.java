package dev.umhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.umhub.fakes.PlatformFake;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST reconciliation against a fake of the platform seeded with a real install's answers: what a stock network
 * never sends by webhook (cancellations, failed payments, new customers) becomes events, each change exactly once.
 */
class ReconciliationIT {

    @TempDir
    Path work;

    @Test
    void theFirstRunTakesABaselineAndEmitsNothingForHistory() throws Exception {
        try (LifecycleHub hub = new LifecycleHub(work, new PlatformFake().seededFromCapture(), p -> { })) {
            hub.awaitBaseline();
            hub.awaitTwoPolls();
            // the capture holds 2 cancelled memberships, 2 failed payments, 5 customers: all history, no event
            assertThat(hub.events()).isEmpty();
            JsonNode rest = hub.rest();
            assertThat(rest.path("health").asText()).isEqualTo("up");
            assertThat(rest.path("entitiesSeen").path("membership").asInt()).isEqualTo(4);
            assertThat(rest.path("entitiesSeen").path("payment").asInt()).isEqualTo(6);
            assertThat(rest.path("entitiesSeen").path("customer").asInt()).isEqualTo(5);
            assertThat(rest.toString()).contains("\"cursor\":\"2026-11-28 01:00:17\"", "\"cursor\":\"5\"")
                    .doesNotContain(PlatformFake.SECRET);
            assertThat(hub.ga4.calls()).isZero();
        }
    }

    @Test
    void aBackfillWindowEmitsRecentHistory() throws Exception {
        PlatformFake platform = new PlatformFake().seededFromCapture();
        // membership 4 (cancelled) and payment 6 (failed) changed "just now" by the platform's clock
        platform.saveAt("membership", platform.get("membership", 4), nowUtc());
        platform.saveAt("payment", platform.get("payment", 6), nowUtc());
        try (LifecycleHub hub = new LifecycleHub(work, platform,
                p -> p.put("umhub.sources.ultimate-multisite.rest.backfill", "5m"))) {
            hub.awaitBaseline();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(hub.events())
                    .contains("membership.cancelled membership/4", "payment.failed payment/6")
                    .noneMatch(e -> e.endsWith("membership/1") || e.endsWith("payment/2")));
        }
    }

    @Test
    void cancellingAMembershipGivesOneCancelledEventAndOneChurnEvent() throws Exception {
        PlatformFake platform = new PlatformFake().seededFromCapture();
        try (LifecycleHub hub = new LifecycleHub(work, platform, p -> { })) {
            hub.awaitBaseline();
            platform.save("membership", platform.get("membership", 3).put("status", "cancelled")
                    .put("date_cancellation", platform.now()));
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.ga4.recorded("membership_cancelled").size() == 1);
            hub.awaitTwoPolls();
            assertThat(hub.events()).containsExactlyInAnyOrder("membership.cancelled membership/3",
                    "membership.status_changed membership/3");
            assertThat(hub.ga4.recorded("membership_cancelled")).singleElement()
                    .satisfies(r -> assertThat(r.params().path("membership_id").asText()).isEqualTo("3"));
            JsonNode detail = hub.event("membership.cancelled", "membership/3");
            // no intake message holds what the poll read: the event keeps its own copy of the REST object
            assertThat(detail.path("payload").path("status").asText()).isEqualTo("cancelled");
            assertThat(detail.path("payload").path("id").asInt()).isEqualTo(3);
            JsonNode cancelled = detail.path("event").path("data");
            assertThat(cancelled.path("change").path("from").asText()).isEqualTo("active");
            assertThat(cancelled.path("change").path("to").asText()).isEqualTo("cancelled");
            assertThat(cancelled.path("change").path("via").asText()).isEqualTo("rest");
            // the plan the rules see comes from the membership's compiled_product_list
            assertThat(cancelled.path("plan").path("name").asText()).isEqualTo("Free Plan");
            assertThat(cancelled.path("plan").path("pricingType").asText()).isEqualTo("free");
            assertThat(cancelled.path("customer").path("id").asText()).isEqualTo("4");
        }
    }

    @Test
    void aPaymentTurnedFailedGivesOnePaymentFailed() throws Exception {
        PlatformFake platform = new PlatformFake().seededFromCapture();
        try (LifecycleHub hub = new LifecycleHub(work, platform, p -> { })) {
            hub.awaitBaseline();
            platform.save("payment", platform.get("payment", 4).put("status", "failed"));
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.ga4.recorded("payment_failed").size() == 1);
            hub.awaitTwoPolls();
            assertThat(hub.events()).containsExactly("payment.failed payment/4");
            assertThat(hub.ga4.recorded("payment_failed")).hasSize(1);
            // seen only by polling, yet with the reference the platform shows for it
            assertThat(hub.ga4.recorded("payment_failed").get(0).params().path("payment_reference").asText())
                    .isEqualTo(dev.umhub.ultimatemultisite.References.of("payment", "4"));
        }
    }

    @Test
    void newCustomersAndFirstPaymentsBecomeCustomerCreatedAndCheckoutCompleted() throws Exception {
        PlatformFake platform = new PlatformFake().seededFromCapture();
        platform.userEmail(77, "newbie@example.com");
        try (LifecycleHub hub = new LifecycleHub(work, platform, p -> {
            p.put("umhub.sources.ultimate-multisite.rest.wp-user", PlatformFake.WP_USER);
            p.put("umhub.sources.ultimate-multisite.rest.wp-app-password", PlatformFake.WP_APP_PASSWORD);
        })) {
            hub.awaitBaseline();
            platform.saveAt("customer", platform.newCustomer(6, 77), null); // date_modified stays null, as on the real one
            platform.save("membership", platform.newMembership(5, 6, "pending"));
            platform.save("payment", platform.newPayment(7, 5, 6, "pending"));
            hub.awaitTwoPolls();
            platform.save("payment", platform.get("payment", 7).put("status", "completed"));
            platform.save("membership", platform.get("membership", 5).put("status", "active"));
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.ga4.recorded("purchase").size() == 1);
            hub.awaitTwoPolls();
            assertThat(hub.events()).containsExactlyInAnyOrder("customer.created customer/6",
                    "payment.received payment/7", "checkout.completed payment/7",
                    "membership.status_changed membership/5");
            JsonNode checkout = hub.event("checkout.completed", "payment/7").path("event").path("data");
            assertThat(checkout.path("customer").path("email").asText()).isEqualTo("newbie@example.com");
            assertThat(checkout.path("plan").path("name").asText()).isEqualTo("Pro Plan");
            assertThat(checkout.path("membership").path("id").asText()).isEqualTo("5");
            // a second completed payment of the same membership is a renewal, not another checkout
            platform.save("payment", platform.newPayment(8, 5, 6, "completed"));
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.events("payment.received").size() == 2);
            hub.awaitTwoPolls();
            assertThat(hub.events("checkout.completed")).hasSize(1);
            assertThat(hub.ga4.recorded("purchase")).hasSize(2);
        }
    }

    /**
     * On a Multisite network the WordPress users endpoint answers 404 for customers who are not members of the main
     * site (all of them, on the real 2.4.10 install): the customer is asked for once, its events go on without the
     * email, and the CRM, which needs one, gets nothing.
     */
    @Test
    void aNetworkCustomerTheUsersEndpointDoesNotKnowIsAskedForOnce() throws Exception {
        PlatformFake platform = new PlatformFake().seededFromCapture(); // no email for user 77: the endpoint says 404
        try (LifecycleHub hub = new LifecycleHub(work, platform, p -> {
            p.put("umhub.sources.ultimate-multisite.rest.wp-user", PlatformFake.WP_USER);
            p.put("umhub.sources.ultimate-multisite.rest.wp-app-password", PlatformFake.WP_APP_PASSWORD);
        })) {
            hub.awaitBaseline();
            platform.saveAt("customer", platform.newCustomer(6, 77), null);
            platform.save("membership", platform.newMembership(5, 6, "active"));
            platform.save("payment", platform.newPayment(7, 5, 6, "completed"));
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.ga4.recorded("purchase").size() == 1);
            platform.save("payment", platform.newPayment(8, 5, 6, "failed"));
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.ga4.recorded("payment_failed").size() == 1);
            hub.awaitTwoPolls();
            assertThat(hub.events()).contains("customer.created customer/6", "payment.received payment/7",
                    "payment.failed payment/8");
            assertThat(hub.event("payment.received", "payment/7").path("event").path("data").path("customer")
                    .path("email").asText(null)).isNull();
            assertThat(platform.requests("/wp-json/wp/v2/users/77")).as("asked once, not per event").hasSize(1);
            assertThat(hub.hubspot.acceptedInputs()).as("no email, no contact").isEmpty();
        }
    }

    @Test
    void aPlanChangeSaysUpgradeOrDowngrade() throws Exception {
        PlatformFake platform = new PlatformFake().seededFromCapture();
        try (LifecycleHub hub = new LifecycleHub(work, platform, p -> { })) {
            hub.awaitBaseline();
            // membership 3 is on the free plan (2, 0 USD); the customer moves to Pro (1, 29 USD)
            platform.save("membership", platform.get("membership", 3).put("plan_id", 1).put("amount", 29));
            await().atMost(Duration.ofSeconds(10)).until(() -> !hub.events("membership.plan_changed").isEmpty());
            JsonNode change = hub.event("membership.plan_changed", "membership/3").path("event").path("data");
            assertThat(change.path("change").path("from").asText()).isEqualTo("2");
            assertThat(change.path("change").path("to").asText()).isEqualTo("1");
            assertThat(change.path("change").path("direction").asText()).isEqualTo("upgrade");
            assertThat(change.path("plan").path("name").asText()).isEqualTo("Pro Plan");
        }
    }

    private static String nowUtc() {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .format(java.time.LocalDateTime.now(java.time.ZoneOffset.UTC));
    }

}

package dev.umhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.Fixtures;
import dev.umhub.fakes.PlatformFake;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One change is one event, whichever way umhub learns it: by webhook, by polling, by both in either order, by
 * reading the same second twice, or by a stale read that arrives after a newer one.
 */
class OneChangeOneEventIT {

    @TempDir
    Path work;

    /** payment_received as the real 2.4.10 plugin posts it (string ids and amounts), for payment 7 of membership 5. */
    private static ObjectNode paymentReceived(String status) {
        return Fixtures.object("real-2.4.10/payment_received-1.json").put("payment_id", "7").put("membership_id", "5")
                .put("customer_id", "6").put("customer_user_email", "carol@example.com").put("payment_status", status)
                .put("payment_reference_code", "PMTONCE7").put("membership_status", "active");
    }

    @Test
    void aPaymentSeenByWebhookAndThenByPollingIsDeliveredOnce() throws Exception {
        PlatformFake platform = new PlatformFake().seededFromCapture();
        try (LifecycleHub hub = new LifecycleHub(work, platform, p -> { })) {
            hub.awaitBaseline();
            Http.Answer ack = hub.http().webhook("payment_received", Payloads.bytes(paymentReceived("completed")));
            assertThat(ack.status()).isEqualTo(202);
            assertThat(ack.json().path("type").asText()).isEqualTo("payment.received");
            assertThat(ack.json().path("duplicate").asBoolean()).isFalse();
            // the platform's REST API now shows the same payment, completed
            platform.save("customer", platform.newCustomer(6, 60));
            platform.save("membership", platform.newMembership(5, 6, "active"));
            platform.save("payment", platform.newPayment(7, 5, 6, "completed"));
            hub.awaitTwoPolls();
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.ga4.recorded("purchase").size() == 1);
            hub.awaitTwoPolls();
            assertThat(hub.events("payment.received")).containsExactly("payment.received payment/7");
            assertThat(hub.events("checkout.completed")).hasSize(1);
            assertThat(hub.events("customer.created")).hasSize(1);
            assertThat(hub.ga4.recorded("purchase")).singleElement().satisfies(r ->
                    assertThat(r.params().path("transaction_id").asText()).isEqualTo("PMTONCE7"));
            // the same webhook again is still a duplicate
            Http.Answer again = hub.http().webhook("payment_received", Payloads.bytes(paymentReceived("completed")));
            assertThat(again.json().path("duplicate").asBoolean()).isTrue();
            assertThat(again.json().path("id").asText()).isEqualTo(ack.json().path("id").asText());
        }
    }

    @Test
    void aFailureSeenByPollingFirstMakesTheLaterWebhookADuplicate() throws Exception {
        PlatformFake platform = new PlatformFake().seededFromCapture();
        try (LifecycleHub hub = new LifecycleHub(work, platform, p -> { })) {
            hub.awaitBaseline();
            platform.save("payment", platform.newPayment(7, 5, 6, "pending"));
            hub.awaitTwoPolls();
            platform.save("payment", platform.get("payment", 7).put("status", "failed"));
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.ga4.recorded("payment_failed").size() == 1);
            // a network that sends payment_updated tells the same failure afterwards
            ObjectNode updated = paymentReceived("failed");
            Http.Answer ack = hub.http().webhook("payment_updated", Payloads.bytes(updated));
            assertThat(ack.status()).isEqualTo(202);
            assertThat(ack.json().path("type").asText()).isEqualTo("payment.failed");
            // a new message (the answer comes before the lifecycle is looked at); processed, it names the poll's event
            assertThat(hub.umhub.http.event(ack.json().path("id").asText()).path("origin").asText())
                    .isNotEqualTo("payment_updated");
            hub.awaitTwoPolls();
            assertThat(hub.events("payment.failed")).containsExactly("payment.failed payment/7");
            assertThat(hub.ga4.recorded("payment_failed")).hasSize(1);
        }
    }

    @Test
    void aCancellationByWebhookIsNotRepeatedByPolling() throws Exception {
        PlatformFake platform = new PlatformFake().seededFromCapture();
        try (LifecycleHub hub = new LifecycleHub(work, platform, p -> { })) {
            hub.awaitBaseline();
            ObjectNode body = Fixtures.object("membership_updated-cancelled.json").put("membership_id", 3)
                    .put("customer_id", 4);
            Http.Answer ack = hub.http().webhook("membership_updated", Payloads.bytes(body));
            assertThat(ack.json().path("type").asText()).isEqualTo("membership.cancelled");
            assertThat(ack.json().path("duplicate").asBoolean()).isFalse();
            platform.save("membership", platform.get("membership", 3).put("status", "cancelled"));
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.ga4.recorded("membership_cancelled").size() == 1);
            hub.awaitTwoPolls();
            assertThat(hub.events("membership.cancelled")).hasSize(1);
            assertThat(hub.events("membership.status_changed")).hasSize(1); // active -> cancelled, once
            assertThat(hub.ga4.recorded("membership_cancelled")).hasSize(1);
            // the webhook's event carries the plan umhub learnt from the REST API
            JsonNode event = hub.umhub.http.event(ack.json().path("id").asText());
            assertThat(event.path("event").path("data").path("plan").path("name").asText()).isEqualTo("Free Plan");
        }
    }

    @Test
    void tiesInDateModifiedLoseNothingAndRepeatNothing() throws Exception {
        PlatformFake platform = new PlatformFake().seededFromCapture();
        try (LifecycleHub hub = new LifecycleHub(work, platform,
                p -> p.put("umhub.sources.ultimate-multisite.rest.page-size", "2"))) {
            hub.awaitBaseline();
            // five payments fail in the same second: more than two pages of ties; two more in the next second
            String second = platform.tick();
            for (long id = 10; id < 15; id++) {
                platform.saveAt("payment", platform.newPayment(id, 4, 5, "failed"), second);
            }
            String next = platform.tick();
            platform.saveAt("payment", platform.newPayment(15, 4, 5, "failed"), next);
            platform.saveAt("payment", platform.newPayment(16, 4, 5, "failed"), next);
            await().atMost(Duration.ofSeconds(15)).until(() -> hub.events("payment.failed").size() == 7);
            // ties keep being re-read from the cursor's second; they must stay single
            hub.awaitTwoPolls();
            assertThat(hub.events("payment.failed")).hasSize(7).doesNotHaveDuplicates();
            await().atMost(Duration.ofSeconds(15)).until(() -> hub.ga4.recorded("payment_failed").size() == 7);
            hub.awaitTwoPolls();
            assertThat(hub.ga4.recorded("payment_failed")).hasSize(7);
        }
    }

    @Test
    void anOlderStateArrivingAfterANewerOneMakesNoTransition() throws Exception {
        PlatformFake platform = new PlatformFake().seededFromCapture();
        try (LifecycleHub hub = new LifecycleHub(work, platform, p -> { })) {
            hub.awaitBaseline();
            ObjectNode active = platform.get("membership", 3);
            platform.save("membership", platform.get("membership", 3).put("status", "cancelled"));
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.events("membership.cancelled").size() == 1);
            // a lagging replica answers the old, active version (older date_modified) after the cancelled one
            platform.serveStaleOnce("membership", active);
            await().atMost(Duration.ofSeconds(10)).until(() -> platform.staleServed("membership"));
            hub.awaitTwoPolls();
            assertThat(hub.events()).containsExactlyInAnyOrder("membership.cancelled membership/3",
                    "membership.status_changed membership/3");
            // and the cancelled state is still what umhub knows: re-reading it changes nothing either
            platform.save("membership", platform.get("membership", 3));
            hub.awaitTwoPolls();
            assertThat(hub.events()).hasSize(2);
        }
    }
}

package dev.umhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.Fixtures;
import dev.umhub.fakes.HubSpotFake;
import dev.umhub.fakes.PlatformFake;
import dev.umhub.ultimatemultisite.References;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The orders in which a real network tells umhub about one checkout, replayed with the real plugin's webhook bodies
 * and REST answers: whichever source speaks first, HubSpot and GA4 get the same ids and the product's name.
 */
class RaceOrdersIT {

    @TempDir
    Path work;

    /** The captured payment_received webhook, about this customer, membership and payment. */
    private static ObjectNode paymentReceived(long customer, long membership, long payment, String email) {
        ObjectNode body = Fixtures.object("real-2.4.10/payment_received-1.json");
        body.put("customer_id", String.valueOf(customer)).put("customer_user_email", email)
                .put("membership_id", String.valueOf(membership))
                .put("membership_reference_code", References.of(References.MEMBERSHIP, String.valueOf(membership)))
                .put("payment_id", String.valueOf(payment))
                .put("payment_reference_code", References.of(References.PAYMENT, String.valueOf(payment)));
        return body;
    }

    /** Customer 6 (WordPress user 77) with membership 5 on the captured "Pro Plan", as a checkout saves them. */
    private static void signUp(PlatformFake platform) {
        platform.saveAt("customer", platform.newCustomer(6, 77), null);
        platform.save("membership", platform.newMembership(5, 6, "active"));
    }

    @Test
    void aFastCheckoutWhoseWebhookComesBeforeAnyPollIsSentWithThePlansName() throws Exception {
        PlatformFake platform = new PlatformFake().seededFromCapture();
        // one poll for the baseline, then none during the test: the webhook is all umhub hears of this checkout
        try (LifecycleHub hub = new LifecycleHub(work, platform,
                p -> p.put("umhub.sources.ultimate-multisite.rest.poll-interval", "1h"))) {
            hub.awaitBaseline();
            signUp(platform);
            platform.save("payment", platform.newPayment(7, 5, 6, "completed"));

            ObjectNode webhook = paymentReceived(6, 5, 7, "fast@example.com");
            assertThat(hub.http().webhook("payment_received", Payloads.bytes(webhook)).status()).isEqualTo(202);

            await().atMost(Duration.ofSeconds(15)).until(() -> hub.ga4.recorded("purchase").size() == 1
                    && hub.hubspot.acceptedInputs().size() == 1);
            JsonNode purchase = hub.ga4.recorded("purchase").get(0).params();
            assertThat(purchase.path("transaction_id").asText()).isEqualTo(References.of(References.PAYMENT, "7"));
            assertThat(purchase.path("items").get(0).path("item_name").asText()).isEqualTo("Pro Plan");
            JsonNode contact = hub.hubspot.acceptedInputs().get(0);
            assertThat(contact.path("id").asText()).isEqualTo("fast@example.com");
            assertThat(contact.path("properties").path("umhub_plan").asText()).isEqualTo("Pro Plan");
            assertThat(platform.requests("/wp-json/wu/v2/membership/5")).as("the plan was asked for").isNotEmpty();
        }
    }

    /**
     * The poll sees the completed payment first: REST customers carry no email, so the CRM rule cannot fire. The
     * webhook 0.4 s later is a duplicate of that change, but its email and name complete the event: HubSpot gets the
     * contact, GA4 keeps its one purchase.
     */
    @Test
    void aPaymentPolledBeforeItsWebhookIsCompletedByTheWebhook() throws Exception {
        PlatformFake platform = new PlatformFake().seededFromCapture();
        try (LifecycleHub hub = new LifecycleHub(work, platform, p -> { })) {
            hub.awaitBaseline();
            signUp(platform);
            platform.save("payment", platform.newPayment(7, 5, 6, "completed"));
            await().atMost(Duration.ofSeconds(15)).until(() -> hub.ga4.recorded("purchase").size() == 1);
            hub.awaitTwoPolls();
            assertThat(hub.hubspot.acceptedInputs()).as("no email yet: no contact").isEmpty();
            JsonNode polled = hub.event("payment.received", "payment/7");
            assertThat(polled.path("deliveries").findValuesAsText("destination")).containsExactly("ga4");

            ObjectNode webhook = paymentReceived(6, 5, 7, "late@example.com");
            Http.Answer answer = hub.http().webhook("payment_received", Payloads.bytes(webhook));
            assertThat(answer.status()).isEqualTo(202);
            // a duplicate of the change the poll recorded, and the answer names what it completes
            assertThat(answer.json().path("duplicate").asBoolean()).isTrue();
            assertThat(answer.json().path("id").asText()).isEqualTo(polled.path("event").path("id").asText());
            assertThat(texts(answer.json().path("completed"))).contains("customer.email", "customer.name")
                    .as("derived from the id when polled").doesNotContain("payment.reference");

            await().atMost(Duration.ofSeconds(15)).until(() -> hub.hubspot.acceptedInputs().size() == 1);
            JsonNode contact = hub.hubspot.acceptedInputs().get(0);
            assertThat(contact.path("id").asText()).isEqualTo("late@example.com");
            assertThat(contact.path("properties").path("firstname").asText()).isEqualTo("alice");
            assertThat(contact.path("properties").path("umhub_plan").asText()).isEqualTo("Pro Plan");
            JsonNode completed = hub.event("payment.received", "payment/7");
            assertThat(completed.path("event").path("data").path("customer").path("email").asText())
                    .isEqualTo("late@example.com");
            // the event the same poll made with it is completed too
            assertThat(hub.event("checkout.completed", "payment/7").path("event").path("data").path("customer")
                    .path("email").asText()).isEqualTo("late@example.com");
            // the new contact's id is written back to the platform's customer, once
            await().atMost(Duration.ofSeconds(15)).until(() -> platform.get("customer", 6).path("meta")
                    .path("crm_contact_id").asText().equals(HubSpotFake.contactId("late@example.com")));
            assertThat(hub.event("payment.received", "payment/7").path("deliveries").findValuesAsText("destination"))
                    .containsExactlyInAnyOrder("ga4", "hubspot", "ultimate-multisite");
            assertThat(platform.requests("/wp-json/wu/v2/customer/6").stream()
                    .filter(r -> r.getMethod().getName().equals("PUT"))).hasSize(1);
            // the write-back changed the platform's customer: the poll's sighting of that echo makes no CRM work
            List<String> eventsBeforeTheEcho = hub.events();
            hub.awaitTwoPolls();
            assertThat(hub.events()).isEqualTo(eventsBeforeTheEcho);
            assertThat(hub.hubspot.acceptedInputs()).hasSize(1);
            assertThat(hub.ga4.recorded("purchase")).as("not sent twice").hasSize(1);
            assertThat(hub.ga4.recorded("purchase").get(0).params().path("transaction_id").asText())
                    .isEqualTo(References.of(References.PAYMENT, "7"));
            assertThat(hub.events("payment.received")).hasSize(1);
        }
    }

    /**
     * A fast checkout while the platform's REST API is down: the webhook's event is decided without the plan (the
     * membership could not be read). The first poll that reads the membership fills the plan in; nothing is sent
     * twice.
     */
    @Test
    void aPlanThePlatformCouldNotTellIsFilledInWhenAPollReadsIt() throws Exception {
        PlatformFake platform = new PlatformFake().seededFromCapture();
        try (LifecycleHub hub = new LifecycleHub(work, platform, p -> { })) {
            hub.awaitBaseline();
            signUp(platform);
            platform.save("payment", platform.newPayment(7, 5, 6, "completed"));
            platform.failAlways(503);
            String id = hub.http().webhook("payment_received", Payloads.bytes(paymentReceived(6, 5, 7,
                    "down@example.com"))).json().path("id").asText();
            await().atMost(Duration.ofSeconds(15)).until(() -> hub.ga4.recorded("purchase").size() == 1
                    && hub.hubspot.acceptedInputs().size() == 1);
            assertThat(hub.http().event(id).path("event").path("data").path("plan").path("name").asText(null))
                    .as("decided without the plan").isNull();

            platform.recover();
            await().atMost(Duration.ofSeconds(20)).until(() -> hub.event("payment.received", "payment/7")
                    .path("event").path("data").path("plan").path("name").asText().equals("Pro Plan"));
            assertThat(hub.event("checkout.completed", "payment/7").path("event").path("data").path("plan")
                    .path("name").asText()).isEqualTo("Pro Plan");
            hub.awaitTwoPolls();
            assertThat(hub.ga4.recorded("purchase")).as("not sent twice").hasSize(1);
            assertThat(hub.hubspot.acceptedInputs()).hasSize(1);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /**
     * The webhook first, then the poll: the poll's sighting of the same payment is the same change (no second event,
     * no second purchase), and adds nothing to what the webhook said.
     */
    @Test
    void aPaymentWhoseWebhookComesBeforeThePollIsOneEvent() throws Exception {
        PlatformFake platform = new PlatformFake().seededFromCapture();
        try (LifecycleHub hub = new LifecycleHub(work, platform, p -> { })) {
            hub.awaitBaseline();
            signUp(platform);
            ObjectNode webhook = paymentReceived(6, 5, 7, "first@example.com");
            String id = hub.http().webhook("payment_received", Payloads.bytes(webhook)).json().path("id").asText();
            hub.http().event(id); // processed before the platform lists the payment
            platform.save("payment", platform.newPayment(7, 5, 6, "completed"));
            hub.awaitTwoPolls();

            await().atMost(Duration.ofSeconds(15)).until(() -> hub.hubspot.acceptedInputs().size() == 1);
            assertThat(hub.events("payment.received")).hasSize(1);
            assertThat(hub.ga4.recorded("purchase")).hasSize(1);
            JsonNode purchase = hub.ga4.recorded("purchase").get(0).params();
            assertThat(purchase.path("transaction_id").asText()).isEqualTo(References.of(References.PAYMENT, "7"));
            assertThat(purchase.path("items").get(0).path("item_name").asText()).isEqualTo("Pro Plan");
            JsonNode contact = hub.hubspot.acceptedInputs().get(0);
            assertThat(contact.path("id").asText()).isEqualTo("first@example.com");
            assertThat(contact.path("properties").path("umhub_plan").asText()).isEqualTo("Pro Plan");
        }
    }
}

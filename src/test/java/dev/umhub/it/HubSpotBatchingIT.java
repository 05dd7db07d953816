package dev.umhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.fakes.HubSpotFake;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deliveries that are due together go to HubSpot in one batch upsert, and each still ends on its own: a contact
 * HubSpot rejects inside the batch becomes one dead letter, the others are delivered with their contact ids.
 */
class HubSpotBatchingIT {

    @TempDir
    Path work;

    @Test
    void aBacklogGoesOutInOneRequestAndEachContactGetsItsOwnResult() throws Exception {
        try (HubSpotFake hubspot = new HubSpotFake("hs-batch"); StandaloneUmhub umhub = startPaused(hubspot)) {
            Map<String, String> eventByEmail = new HashMap<>();
            List<String> emails = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ObjectNode payment = Payloads.paidPayment();
                String email = payment.path("customer_user_email").asText();
                emails.add(email);
                eventByEmail.put(email, umhub.http.webhook("payment_received", Payloads.bytes(payment))
                        .json().path("id").asText());
            }
            String rejected = emails.get(3);
            hubspot.rejectEmail(rejected);

            await().atMost(Duration.ofSeconds(15)).until(() -> hubspot.acceptedInputs().size() == 6);
            // the 429, then the seven contacts in one (or, if a poll fell between two acks, two) requests
            assertThat(hubspot.requests().size()).isBetween(2, 3);

            for (String email : emails) {
                await().atMost(Duration.ofSeconds(5)).until(() -> !"PENDING".equals(hubspotDelivery(umhub,
                        eventByEmail.get(email)).path("status").asText()));
                JsonNode d = hubspotDelivery(umhub, eventByEmail.get(email));
                if (email.equals(rejected)) {
                    assertThat(d.path("status").asText()).isEqualTo("DEAD");
                    assertThat(d.path("lastError").asText()).contains("VALIDATION_ERROR");
                } else {
                    assertThat(d.path("status").asText()).isEqualTo("DELIVERED");
                    assertThat(d.path("externalId").asText()).isEqualTo(HubSpotFake.contactId(email));
                }
            }
        }
    }

    @Test
    void aBatchRefusedAsAWholeIsSentAgainOneByOneSoOnlyTheContactAtFaultFails() throws Exception {
        try (HubSpotFake hubspot = new HubSpotFake("hs-batch"); StandaloneUmhub umhub = startPaused(hubspot)) {
            Map<String, String> eventByEmail = new HashMap<>();
            for (int i = 0; i < 3; i++) {
                ObjectNode payment = Payloads.paidPayment();
                eventByEmail.put(payment.path("customer_user_email").asText(),
                        umhub.http.webhook("payment_received", Payloads.bytes(payment)).json().path("id").asText());
            }
            String atFault = eventByEmail.keySet().iterator().next();
            hubspot.refuseRequestsWith(atFault); // HubSpot answers 400 for the whole request

            await().atMost(Duration.ofSeconds(15)).until(() -> hubspot.acceptedInputs().size() == 3);
            // 429, the refused batch of four, then each of the four on its own
            assertThat(hubspot.requests()).hasSize(6);
            eventByEmail.forEach((email, event) -> {
                await().atMost(Duration.ofSeconds(5)).until(() -> !"PENDING".equals(
                        hubspotDelivery(umhub, event).path("status").asText()));
                assertThat(hubspotDelivery(umhub, event).path("status").asText())
                        .isEqualTo(email.equals(atFault) ? "DEAD" : "DELIVERED");
            });
        }
    }

    /**
     * umhub against the fake, its HubSpot lane paused: the first delivery gets a 429 with Retry-After 2, so the
     * events sent next pile up and go out together when the pause ends.
     */
    private StandaloneUmhub startPaused(HubSpotFake hubspot) throws Exception {
        Map<String, Object> props = StandaloneUmhub.defaults(work);
        StandaloneUmhub.withHubSpot(props, hubspot, "hs-batch");
        props.put("umhub.destinations.hubspot.rate-limit-requests", "0");
        StandaloneUmhub umhub = StandaloneUmhub.start(props);
        hubspot.failWithRetryAfter(429, 2);
        umhub.http.webhook("payment_received", Payloads.bytes(Payloads.paidPayment()));
        await().atMost(Duration.ofSeconds(5)).until(() -> hubspot.requests().size() == 1);
        return umhub;
    }

    private static JsonNode hubspotDelivery(StandaloneUmhub umhub, String eventId) {
        return umhub.http.delivery(eventId, "hubspot");
    }
}

package dev.umhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.Fixtures;
import dev.umhub.fakes.Ga4Fake;
import dev.umhub.fakes.HubSpotFake;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signup on the real plugin sends payment_received and, a second later, site_published: both qualify for the CRM
 * with the same contact. When the second comes due the first has been delivered with the same properties, so the
 * second is kept as skipped, with the reason; a later event that does change the contact is sent, and so is one whose
 * predecessor failed for good (DeliveryFaultsIT's poison event).
 */
class OneCrmWritePerChangeIT {

    @TempDir
    Path work;

    @Test
    void anUpsertThatWouldChangeNothingIsSkippedAndAChangeIsSent() throws Exception {
        try (HubSpotFake hubspot = new HubSpotFake("hs-once"); Ga4Fake ga4 = new Ga4Fake("G-ONCE", "once-secret")) {
            Map<String, Object> props = StandaloneUmhub.defaults(work);
            StandaloneUmhub.withHubSpot(props, hubspot, "hs-once");
            StandaloneUmhub.withGa4(props, ga4, "G-ONCE", "once-secret");
            try (StandaloneUmhub umhub = StandaloneUmhub.start(props)) {
                ObjectNode payment = Fixtures.object("real-2.4.10/payment_received-1.json");
                ObjectNode site = Fixtures.object("real-2.4.10/site_published-1.json");
                payment.put("customer_id", site.path("customer_id").asText())
                        .put("customer_name", site.path("customer_name").asText())
                        .put("customer_user_email", site.path("customer_user_email").asText());
                umhub.http.webhook("payment_received", Payloads.bytes(payment));
                String published = umhub.http.webhook("site_published", Payloads.bytes(site)).json().path("id").asText();

                await().atMost(Duration.ofSeconds(10))
                        .until(() -> "SKIPPED".equals(umhub.http.delivery(published, "hubspot").path("status").asText()));
                assertThat(umhub.http.delivery(published, "hubspot").path("note").asText()).startsWith("unchanged: ");
                assertThat(hubspot.acceptedInputs()).hasSize(1);

                ObjectNode renamed = site.deepCopy().put("customer_name", "Bobby Tables").put("site_id", 3);
                String changed = umhub.http.webhook("site_published", Payloads.bytes(renamed)).json().path("id").asText();
                await().atMost(Duration.ofSeconds(10)).until(() -> hubspot.acceptedInputs().size() == 2);
                assertThat(umhub.http.delivery(changed, "hubspot").path("status").asText()).isEqualTo("DELIVERED");
                assertThat(hubspot.acceptedInputs().get(0).path("properties").path("lastname").asText())
                        .as("the newest upsert").isEqualTo("Tables");
            }
        }
    }
}

package dev.umhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.umhub.fakes.Ga4Fake;
import dev.umhub.fakes.HubSpotFake;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GA4 in dry-run mode: deliveries go to GA4's validation server ({@code /debug/mp/collect}) and nothing to reports; a
 * valid purchase is delivered as validated, one GA4 would drop is a dead letter with GA4's validation message.
 */
class Ga4DryRunIT {

    @TempDir
    Path work;

    @Test
    void aDryRunDeliveryShowsGa4sValidationMessages() throws Exception {
        try (HubSpotFake hubspot = new HubSpotFake("hs-dry"); Ga4Fake ga4 = new Ga4Fake("G-DRY", "dry-secret")) {
            Map<String, Object> p = StandaloneUmhub.defaults(work);
            StandaloneUmhub.withHubSpot(p, hubspot, "hs-dry");
            StandaloneUmhub.withGa4(p, ga4, "G-DRY", "dry-secret");
            p.put("umhub.destinations.ga4.dry-run", "true");
            try (StandaloneUmhub umhub = StandaloneUmhub.start(p)) {
                String valid = umhub.http.webhook("payment_received", Payloads.bytes(Payloads.paidPayment())).json()
                        .path("id").asText();
                String invalid = umhub.http.webhook("payment_received", Payloads.bytes(Payloads.paidPayment()
                        .put("payment_currency", "DOLLARS"))).json().path("id").asText();
                await().atMost(Duration.ofSeconds(15)).until(() -> "DELIVERED".equals(umhub.http.delivery(valid, "ga4")
                        .path("status").asText()) && "DEAD".equals(umhub.http.delivery(invalid, "ga4").path("status")
                        .asText()));
                assertThat(umhub.http.delivery(valid, "ga4").path("attemptHistory").get(0).path("request").path("url")
                        .asText()).contains("/debug/mp/collect").doesNotContain("dry-secret");
                assertThat(umhub.http.delivery(invalid, "ga4").path("lastError").asText())
                        .contains("VALUE_INVALID").contains("currency");
                assertThat(ga4.recorded("purchase")).as("nothing reached reports").isEmpty();
            }
        }
    }
}

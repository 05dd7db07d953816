package dev.umhub.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.umhub.fakes.Ga4Fake;
import dev.umhub.fakes.HubSpotFake;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without credentials a destination runs dry: the exact request is recorded as skipped, nothing is sent. */
class DryRunIT {

    @TempDir
    Path work;

    @Test
    void destinationsWithoutCredentialsRecordWhatTheyWouldSend() throws Exception {
        try (HubSpotFake hubspot = new HubSpotFake("unused"); Ga4Fake ga4 = new Ga4Fake("G-UNUSED", "unused")) {
            Map<String, Object> props = StandaloneUmhub.defaults(work);
            props.put("umhub.destinations.hubspot.base-url", hubspot.baseUrl());
            props.put("umhub.destinations.ga4.base-url", ga4.baseUrl());
            try (StandaloneUmhub umhub = StandaloneUmhub.start(props)) {
                Http.Answer ack = umhub.http.webhook("payment_received", Payloads.bytes(Payloads.paidPayment()));
                assertThat(ack.status()).isEqualTo(202);
                JsonNode event = umhub.http.event(ack.json().path("id").asText());
                assertThat(event.path("deliveries")).hasSize(2).allSatisfy(d -> {
                    assertThat(d.path("status").asText()).isEqualTo("SKIPPED");
                    assertThat(d.path("note").asText()).startsWith("dry run");
                    assertThat(d.path("request").path("method").asText()).isEqualTo("POST");
                    assertThat(d.path("request").path("body").asText()).isNotBlank();
                });
                assertThat(event.path("deliveries").toString()).contains(hubspot.baseUrl() + "/crm/v3/objects/contacts/batch/upsert")
                        .contains(ga4.baseUrl() + "/mp/collect");
                Thread.sleep(500); // give a wrongly woken lane the chance to call out
                assertThat(hubspot.requests()).isEmpty();
                assertThat(ga4.calls()).isZero();
            }
        }
    }
}

package dev.umhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.umhub.fakes.Ga4Fake;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider that answers after the lease ran out: the claim is renewed while the call runs, so no other worker takes
 * the delivery over and sends it a second time (the fault run saw two "attempt 1" for one delivery before).
 */
class LeaseRenewalIT {

    @TempDir
    Path work;

    @Test
    void aCallLongerThanTheLeaseIsSentOnce() throws Exception {
        try (Ga4Fake ga4 = new Ga4Fake("G-LEASE", "lease-secret")) {
            Map<String, Object> props = StandaloneUmhub.defaults(work);
            StandaloneUmhub.withGa4(props, ga4, "G-LEASE", "lease-secret");
            props.put("umhub.delivery.lease", "1500ms");
            props.put("umhub.delivery.poll-interval", "50ms");
            props.put("umhub.delivery.response-timeout-ms", "20000");
            try (StandaloneUmhub umhub = StandaloneUmhub.start(props)) {
                ga4.hangAlways(5_000); // more than three leases
                String id = umhub.http.webhook("payment_received", Payloads.bytes(Payloads.paidPayment())).json()
                        .path("id").asText();
                await().atMost(Duration.ofSeconds(20)).until(() -> delivered(umhub, id));
                Thread.sleep(2_000); // room for a second send, were there one
                assertThat(ga4.calls()).isEqualTo(1);
                JsonNode ga4Delivery = ga4Delivery(umhub, id);
                assertThat(ga4Delivery.path("attemptHistory")).hasSize(1);
            }
        }
    }

    private static boolean delivered(StandaloneUmhub umhub, String eventId) {
        return "DELIVERED".equals(ga4Delivery(umhub, eventId).path("status").asText());
    }

    private static JsonNode ga4Delivery(StandaloneUmhub umhub, String eventId) {
        return umhub.http.delivery(eventId, "ga4");
    }
}

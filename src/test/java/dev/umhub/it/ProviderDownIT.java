package dev.umhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.fakes.Ga4Fake;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A provider that refuses connections is retried until it comes up, then delivered once. */
class ProviderDownIT {

    @TempDir
    Path work;

    @Test
    void refusedConnectionsAreRetriedUntilTheProviderIsUp() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // nothing listens here until the fake starts below
        }
        Map<String, Object> props = StandaloneUmhub.defaults(work);
        props.put("umhub.destinations.ga4.base-url", "http://127.0.0.1:" + port);
        props.put("umhub.destinations.ga4.measurement-id", "G-DOWN");
        props.put("umhub.destinations.ga4.api-secret", "down-secret");
        props.put("umhub.destinations.ga4.retry-backoff", "500ms,500ms,500ms,500ms,500ms,500ms,500ms,500ms,500ms,500ms");
        try (StandaloneUmhub umhub = StandaloneUmhub.start(props)) {
            ObjectNode body = Payloads.paidPayment();
            String id = umhub.http.webhook("payment_received", Payloads.bytes(body)).json().path("id").asText();
            await().atMost(Duration.ofSeconds(10)).until(() -> ga4(umhub, id).path("attemptHistory").size() >= 2);
            JsonNode refused = ga4(umhub, id).path("attemptHistory").get(0);
            assertThat(refused.path("outcome").asText()).isEqualTo("retry");
            assertThat(refused.path("errorClass").asText()).contains("Connect");

            try (Ga4Fake ga4 = new Ga4Fake("G-DOWN", "down-secret", port)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> "DELIVERED".equals(ga4(umhub, id).path("status").asText()));
                assertThat(ga4.recorded("purchase")).singleElement().satisfies(r -> assertThat(
                        r.params().path("transaction_id").asText()).isEqualTo(body.path("payment_reference_code").asText()));
            }
        }
    }

    private static JsonNode ga4(StandaloneUmhub umhub, String eventId) {
        return umhub.http.delivery(eventId, "ga4");
    }
}

package dev.umhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.fakes.Ga4Fake;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retry schedule lives in the store: umhub stopped between two attempts still delivers after it starts again. */
class RestartDuringRetryIT {

    @TempDir
    Path work;

    @Test
    void aRestartDuringRetriesStillDelivers() throws Exception {
        try (Ga4Fake ga4 = new Ga4Fake("G-RESTART", "restart-secret")) {
            Map<String, Object> props = StandaloneUmhub.defaults(work);
            StandaloneUmhub.withGa4(props, ga4, "G-RESTART", "restart-secret");
            props.put("umhub.destinations.ga4.retry-backoff", "1s,1s,1s,1s,1s,1s,1s,1s");
            props.put("umhub.delivery.lease", "5s");
            ObjectNode body = Payloads.paidPayment();
            String ref = body.path("payment_reference_code").asText();
            String eventId;

            ga4.failAlways(503);
            try (StandaloneUmhub first = StandaloneUmhub.start(props)) {
                Http.Answer ack = first.http.webhook("payment_received", Payloads.bytes(body));
                assertThat(ack.status()).isEqualTo(202);
                eventId = ack.json().path("id").asText();
                await().atMost(Duration.ofSeconds(15)).until(() -> ga4Delivery(first, eventId).path("attemptHistory").size() >= 2);
                assertThat(ga4Delivery(first, eventId).path("status").asText()).isEqualTo("PENDING");
            }
            int before = ga4.calls();
            ga4.reset(); // the provider recovers while umhub is down

            try (StandaloneUmhub second = StandaloneUmhub.start(props)) {
                await().atMost(Duration.ofSeconds(15)).until(() -> ga4.recorded("purchase").stream()
                        .anyMatch(r -> r.params().path("transaction_id").asText().equals(ref)));
                JsonNode d = ga4Delivery(second, eventId);
                assertThat(d.path("status").asText()).isEqualTo("DELIVERED");
                assertThat(d.path("attemptHistory").size()).isGreaterThanOrEqualTo(before + 1);
                assertThat(ga4.recorded("purchase")).hasSize(1);
            }
        }
    }

    private static JsonNode ga4Delivery(StandaloneUmhub umhub, String eventId) {
        return umhub.http.delivery(eventId, "ga4");
    }
}

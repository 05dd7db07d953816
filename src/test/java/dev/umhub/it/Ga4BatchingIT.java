package dev.umhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.fakes.Ga4Fake;
import dev.umhub.fakes.HubSpotFake;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GA4: events of one customer that are due together share a request, at most 25, in event order. */
class Ga4BatchingIT {

    @TempDir
    Path work;

    @Test
    void oneCustomersEventsDueTogetherGoInRequestsOfAtMost25InOrder() throws Exception {
        try (HubSpotFake hubspot = new HubSpotFake("hs-batch"); Ga4Fake ga4 = new Ga4Fake("G-BATCH", "batch-secret")) {
            Map<String, Object> props = StandaloneUmhub.defaults(work);
            StandaloneUmhub.withHubSpot(props, hubspot, "hs-batch");
            StandaloneUmhub.withGa4(props, ga4, "G-BATCH", "batch-secret");
            // the first purchase fails once and waits 8 s for its retry: the customer's next 29 queue up behind it
            props.put("umhub.destinations.ga4.retry-backoff", "8s");
            props.put("umhub.destinations.ga4.retry-jitter", "0");
            try (StandaloneUmhub umhub = StandaloneUmhub.start(props)) {
                ga4.fail(503);
                ObjectNode first = Payloads.paidPayment();
                String customer = first.path("customer_id").asText();
                List<String> refs = new ArrayList<>();
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    ObjectNode e = i == 0 ? first : Payloads.paidPayment();
                    e.put("customer_id", first.path("customer_id").asLong());
                    e.put("customer_user_email", first.path("customer_user_email").asText());
                    refs.add(e.path("payment_reference_code").asText());
                    Http.Answer a = umhub.http.webhook("payment_received", Payloads.bytes(e));
                    assertThat(a.status()).isEqualTo(202);
                    ids.add(a.json().path("id").asText());
                    if (i == 0) {
                        await().atMost(Duration.ofSeconds(10)).until(() -> ga4.calls() == 1);
                    }
                }
                for (String id : ids) {
                    umhub.http.event(id); // processed: its GA4 delivery is in the outbox behind the first
                }
                assertThat(ga4.eventsPerRequest(customer)).as("nothing overtook the waiting first purchase").isEmpty();

                await().atMost(Duration.ofSeconds(30)).until(() -> ga4.recorded("purchase").size() == 30);
                assertThat(ga4.eventsPerRequest(customer)).containsExactly(25, 5);
                assertThat(ga4.recorded("purchase").stream().map(r -> r.params().path("transaction_id").asText()))
                        .containsExactlyElementsOf(refs);
                assertThat(umhub.http.delivery(ids.get(29), "ga4").path("attemptHistory").get(0).path("request")
                        .path("url").asText()).contains("/mp/collect").doesNotContain("batch-secret");
            }
        }
    }
}

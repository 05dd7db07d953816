package dev.umhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.umhub.fakes.Ga4Fake;
import dev.umhub.fakes.HubSpotFake;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each destination has its own lane: a hanging HubSpot does not slow GA4, and a failing GA4 trips its own breaker. */
class LaneIsolationIT {

    @TempDir
    Path work;

    @Test
    void aHangingProviderHoldsUpOnlyItsOwnLaneAndAFailingOneOpensItsBreaker() throws Exception {
        try (HubSpotFake hubspot = new HubSpotFake("hs-iso"); Ga4Fake ga4 = new Ga4Fake("G-ISO", "iso-secret")) {
            Map<String, Object> props = StandaloneUmhub.defaults(work);
            StandaloneUmhub.withHubSpot(props, hubspot, "hs-iso");
            StandaloneUmhub.withGa4(props, ga4, "G-ISO", "iso-secret");
            props.put("umhub.destinations.ga4.retry-backoff", "200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms");
            props.put("umhub.destinations.ga4.circuit-breaker-failures", "3");
            props.put("umhub.destinations.ga4.circuit-breaker-open-for", "2s");
            props.put("umhub.delivery.response-timeout-ms", "60000");
            // one contact per request, on two threads: the lane holds six hanging requests, never more
            props.put("umhub.destinations.hubspot.batch-size", "1");
            props.put("umhub.destinations.hubspot.workers", "2");
            props.put("umhub.destinations.hubspot.max-in-flight", "6");
            props.put("umhub.delivery.shutdown-grace", "1s");
            props.put("camel.main.shutdown-timeout", "1");
            try (StandaloneUmhub umhub = StandaloneUmhub.start(props)) {
                hubspot.hangAlways(30_000);
                for (int i = 0; i < 30; i++) {
                    assertThat(umhub.http.webhook("payment_received", Payloads.bytes(Payloads.paidPayment())).status())
                            .isEqualTo(202);
                }
                // HubSpot's lane is full for 30 s (six requests in flight, more than its two threads: they only start
                // calls), yet all 30 purchases reach GA4 within seconds
                await().atMost(Duration.ofSeconds(10)).until(() -> ga4.recorded("purchase").size() == 30);
                await().atMost(Duration.ofSeconds(5)).until(() -> hubspot.requests().size() == 6);
                JsonNode lanes = umhub.http.get("/api/destinations");
                assertThat(lanes.path("hubspot").path("lane").path("inFlight").asInt()).isEqualTo(6);
                assertThat(lanes.path("hubspot").path("lane").path("workers").asInt()).isEqualTo(2);
                Thread.sleep(500); // full: nothing more is sent while they hang
                assertThat(hubspot.requests()).hasSize(6);
                assertThat(lanes.path("ga4").path("deliveries").path("delivered").asInt()).isEqualTo(30);

                ga4.failAlways(503);
                String id = umhub.http.webhook("payment_received", Payloads.bytes(Payloads.paidPayment())).json()
                        .path("id").asText();
                await().atMost(Duration.ofSeconds(5)).until(() -> "OPEN".equals(breaker(umhub)));
                int callsWhenOpen = ga4.calls();
                Thread.sleep(1000); // open: no calls at all, and no attempts spent
                assertThat(ga4.calls()).isEqualTo(callsWhenOpen);
                assertThat(callsWhenOpen).isEqualTo(30 + 3);

                ga4.reset(); // the provider recovers: the half-open probe goes through and closes the breaker
                await().atMost(Duration.ofSeconds(10)).until(() -> ga4.recorded("purchase").size() == 1);
                await().atMost(Duration.ofSeconds(5)).until(() -> "CLOSED".equals(breaker(umhub)));
                JsonNode event = umhub.http.event(id);
                assertThat(event.path("deliveries").findValuesAsText("status")).contains("DELIVERED");
            }
        }
    }

    private static String breaker(StandaloneUmhub umhub) {
        return umhub.http.get("/api/destinations").path("ga4").path("lane").path("circuitBreaker").asText();
    }
}

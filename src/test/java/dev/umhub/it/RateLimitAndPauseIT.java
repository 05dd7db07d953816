package dev.umhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.umhub.fakes.HubSpotFake;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A destination's rate limit spreads calls out; a 429 with Retry-After pauses the whole destination, not one row. */
class RateLimitAndPauseIT {

    @TempDir
    Path work;

    private StandaloneUmhub start(HubSpotFake hubspot, String rate) throws Exception {
        Map<String, Object> props = StandaloneUmhub.defaults(work);
        StandaloneUmhub.withHubSpot(props, hubspot, "hs-rate");
        props.put("umhub.destinations.hubspot.rate-limit-requests", rate);
        props.put("umhub.destinations.hubspot.rate-limit-period", "2s");
        props.put("umhub.destinations.hubspot.retry-backoff", "200ms,200ms,200ms");
        props.put("umhub.destinations.hubspot.batch-size", "1"); // one contact per call: the limit counts calls
        return StandaloneUmhub.start(props);
    }

    @Test
    void theRateLimitSpreadsCallsOverPeriods() throws Exception {
        try (HubSpotFake hubspot = new HubSpotFake("hs-rate"); StandaloneUmhub umhub = start(hubspot, "3")) {
            for (int i = 0; i < 9; i++) {
                umhub.http.webhook("payment_received", Payloads.bytes(Payloads.paidPayment()));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> hubspot.acceptedInputs().size() == 9);
            List<Instant> at = hubspot.arrivals();
            // 3 per 2 s: nine calls span three periods, so the first and the last lie more than a period apart
            // (unlimited, they would all go out within a few hundred milliseconds)
            assertThat(Duration.between(at.get(0), at.get(8))).isGreaterThan(Duration.ofMillis(2000));
            long inFirstWindow = at.stream().filter(t -> t.isBefore(at.get(0).plusMillis(1900))).count();
            assertThat(inFirstWindow).isLessThanOrEqualTo(6); // a window can straddle two periods: 3 + 3
        }
    }

    @Test
    void a429PausesTheDestinationForItsRetryAfter() throws Exception {
        try (HubSpotFake hubspot = new HubSpotFake("hs-rate"); StandaloneUmhub umhub = start(hubspot, "0")) {
            hubspot.failWithRetryAfter(429, 3);
            umhub.http.webhook("payment_received", Payloads.bytes(Payloads.paidPayment()));
            await().atMost(Duration.ofSeconds(5)).until(() -> hubspot.requests().size() == 1);
            for (int i = 0; i < 3; i++) {
                umhub.http.webhook("payment_received", Payloads.bytes(Payloads.paidPayment()));
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> hubspot.acceptedInputs().size() == 4);
            List<Instant> at = hubspot.arrivals();
            // nothing at all, for any customer, until the 3 s of Retry-After have passed
            assertThat(Duration.between(at.get(0), at.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(2900));
        }
    }
}

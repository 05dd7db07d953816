package dev.umhub.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The fakes' parts umhub's connectors do not call, held to providers.md all the same. */
class ProviderFakesTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(String url, String body, String method) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void postHogTakesSingleEventsOnItsCapturePaths() throws Exception {
        try (PostHogFake posthog = new PostHogFake("phc_t")) {
            String event = "{\"api_key\":\"phc_t\",\"event\":\"signed_up\",\"distinct_id\":\"c1\","
                    + "\"timestamp\":\"2026-01-01T00:00:00Z\",\"uuid\":\"0f8fad5b-d9cb-469f-a165-70867728950e\"}";
            assertThat(post(posthog.baseUrl() + "/i/v0/e/", event, "POST").statusCode()).isEqualTo(200);
            assertThat(post(posthog.baseUrl() + "/capture/", event.replace("phc_t", "phc_x"), "POST").statusCode())
                    .isEqualTo(401);
            assertThat(posthog.accepted()).hasSize(1);
        }
    }

    @Test
    void mixpanelTrackAnswersOneOrZero() throws Exception {
        try (MixpanelFake mixpanel = new MixpanelFake("42", "sa", "secret")) {
            long now = System.currentTimeMillis();
            String good = "[{\"event\":\"e\",\"properties\":{\"token\":\"token-42\",\"time\":" + now
                    + ",\"distinct_id\":\"c1\",\"$insert_id\":\"id-1\"}}]";
            assertThat(post(mixpanel.baseUrl() + "/track", good, "POST").body()).isEqualTo("1");
            assertThat(post(mixpanel.baseUrl() + "/track", good.replace("token-42", "nope"), "POST").body())
                    .isEqualTo("0");
            assertThat(post(mixpanel.baseUrl() + "/track?verbose=1", good, "POST").body()).contains("\"status\":1");
        }
    }

    @Test
    void amplitudeThrottlesAUserOverThirtyEventsASecond() throws Exception {
        try (AmplitudeFake amplitude = new AmplitudeFake("k")) {
            StringBuilder events = new StringBuilder();
            for (int i = 0; i < 31; i++) {
                events.append(i == 0 ? "" : ",").append("{\"user_id\":\"user-1\",\"event_type\":\"e\",\"time\":1,"
                        + "\"insert_id\":\"i").append(i).append("\"}");
            }
            HttpResponse<String> r = post(amplitude.baseUrl() + "/2/httpapi", "{\"api_key\":\"k\",\"events\":["
                    + events + "]}", "POST");
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.body()).contains("throttled_users").contains("user-1");
        }
    }

    @Test
    void pipedriveMakesAndUpdatesDeals() throws Exception {
        try (PipedriveFake pipedrive = new PipedriveFake("t")) {
            HttpResponse<String> made = post(pipedrive.baseUrl() + "/api/v2/deals?api_token=t",
                    "{\"title\":\"Pro plan\",\"value\":29,\"currency\":\"USD\",\"person_id\":1}", "POST");
            assertThat(made.body()).contains("\"success\":true").contains("\"id\":1");
            assertThat(post(pipedrive.baseUrl() + "/api/v2/deals/1?api_token=t", "{\"status\":\"won\"}", "PATCH").body())
                    .contains("\"status\":\"won\"");
            assertThat(post(pipedrive.baseUrl() + "/api/v2/deals?api_token=t", "{}", "POST").statusCode())
                    .isEqualTo(400);
        }
    }
}

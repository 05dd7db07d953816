package dev.umhub.connector.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.umhub.Fixtures;
import dev.umhub.connector.BatchingConnector;
import dev.umhub.connector.DeliveryAnswer;
import dev.umhub.connector.DeliveryResult;
import dev.umhub.connector.UnmappableEventException;
import dev.umhub.connector.amplitude.AmplitudeConnector;
import dev.umhub.connector.amplitude.AmplitudeProperties;
import dev.umhub.connector.mixpanel.MixpanelConnector;
import dev.umhub.connector.mixpanel.MixpanelProperties;
import dev.umhub.connector.posthog.PostHogConnector;
import dev.umhub.connector.posthog.PostHogProperties;
import dev.umhub.connector.segment.SegmentConnector;
import dev.umhub.connector.segment.SegmentProperties;
import dev.umhub.connector.slack.SlackConnector;
import dev.umhub.connector.slack.SlackProperties;
import dev.umhub.event.PlatformEvent;
import dev.umhub.store.Json;
import dev.umhub.ultimatemultisite.UltimateMultisiteAdapter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each analytics connector sends, and how it reads the answers that name failed events. */
class AnalyticsConnectorsTest {

    private static final String KEY = "3f0c2a1e-8d4b-3c2a-9e1f-0a1b2c3d4e5f";
    private final ObjectMapper json = new Json().mapper();
    private final MixpanelConnector mixpanel = new MixpanelConnector(new MixpanelProperties(), new Json());
    private final PostHogConnector posthog = new PostHogConnector(new PostHogProperties(), new Json());
    private final SegmentConnector segment = new SegmentConnector(new SegmentProperties(), new Json());
    private final AmplitudeConnector amplitude = new AmplitudeConnector(new AmplitudeProperties(), new Json());

    private static PlatformEvent event(String slug, String fixture) {
        return new UltimateMultisiteAdapter().normalise(slug, Fixtures.object(fixture), Instant.now()).event();
    }

    private JsonNode body(BatchingConnector c, String slug, String fixture, String action) throws Exception {
        return json.readTree(c.prepare(event(slug, fixture), List.of(action), null, KEY).body());
    }

    @Test
    void aPurchaseCarriesTheDeliveryKeyAsEachProvidersDedupIdAndItsRevenue() throws Exception {
        JsonNode mp = body(mixpanel, "payment_received", "payment_received.json", "purchase").get(0);
        assertThat(mp.path("event").asText()).isEqualTo("purchase");
        assertThat(mp.at("/properties/$insert_id").asText()).isEqualTo(KEY);
        assertThat(mp.at("/properties/time").isNumber()).isTrue();
        assertThat(mp.at("/properties/revenue").decimalValue()).isPositive();

        JsonNode ph = body(posthog, "payment_received", "payment_received.json", "purchase").path("batch").get(0);
        assertThat(ph.path("uuid").asText()).isEqualTo(KEY);
        assertThat(ph.path("timestamp").asText()).endsWith("Z");
        assertThat(body(posthog, "payment_received", "payment_received.json", "purchase").has("api_key"))
                .as("the key is the route's to add").isFalse();

        JsonNode seg = body(segment, "payment_received", "payment_received.json", "purchase").path("batch");
        assertThat(seg).hasSize(1);
        assertThat(seg.get(0).path("messageId").asText()).isEqualTo(KEY);
        assertThat(seg.get(0).path("type").asText()).isEqualTo("track");

        JsonNode amp = body(amplitude, "payment_received", "payment_received.json", "purchase");
        assertThat(amp.at("/events/0/insert_id").asText()).isEqualTo(KEY);
        assertThat(amp.at("/events/0/revenue").decimalValue()).isPositive();
        assertThat(amp.at("/options/min_id_length").asInt()).isEqualTo(1);
        assertThat(amp.has("api_key")).isFalse();
    }

    @Test
    void anEventWithoutACustomerOrAPurchaseWithoutAPaymentIsUnmappable() {
        assertThatThrownBy(() -> body(mixpanel, "membership_updated", "membership_updated-cancelled.json", "purchase"))
                .isInstanceOf(UnmappableEventException.class).hasMessageContaining("payment");
    }

    @Test
    void batchesJoinBodiesWithinTheLimitsAndKeepEachDeliverysEvents() throws Exception {
        String one = mixpanel.prepare(event("payment_received", "payment_received.json"), List.of("purchase"), null,
                KEY).body();
        String two = mixpanel.prepare(event("payment_updated", "payment_updated-failed.json"), List.of("payment_failed",
                "payment_failed_again"), null, "7f0c2a1e-8d4b-3c2a-9e1f-0a1b2c3d4e5f").body();
        BatchingConnector.Batch batch = mixpanel.combine(List.of(one, two));
        assertThat(batch.members()).containsExactly(0, 1);
        JsonNode joined = json.readTree(batch.body());
        assertThat(joined).hasSize(3);
        assertThat(joined.get(2).at("/properties/$insert_id").asText()).as("a second event's own dedup id")
                .hasSize(36).isNotEqualTo(joined.get(1).at("/properties/$insert_id").asText());

        // Mixpanel names the failed event by its index: only the delivery that carried it is refused
        String answer = "{\"code\":400,\"error\":\"some data points in the request failed validation\","
                + "\"failed_records\":[{\"index\":2,\"field\":\"properties.time\",\"message\":\"too old\"}],"
                + "\"num_records_imported\":2,\"status\":\"Bad Request\"}";
        List<DeliveryResult> results = mixpanel.interpretBatch(DeliveryAnswer.http(400, Map.of(), answer),
                List.of(one, two));
        assertThat(results.get(0)).isInstanceOf(DeliveryResult.Delivered.class);
        assertThat(results.get(1)).isInstanceOf(DeliveryResult.Permanent.class);
        assertThat(results.get(1).summary()).contains("properties.time");
    }

    @Test
    void amplitudeRefusesTheNamedEventsAndSendsTheOthersAgainAndPausesAThrottledUser() throws Exception {
        String one = amplitude.prepare(event("payment_received", "payment_received.json"), List.of("purchase"), null,
                KEY).body();
        String two = amplitude.prepare(event("payment_updated", "payment_updated-failed.json"),
                List.of("payment_failed"), null, "7f0c2a1e-8d4b-3c2a-9e1f-0a1b2c3d4e5f").body();
        List<DeliveryResult> refused = amplitude.interpretBatch(DeliveryAnswer.http(400, Map.of(),
                "{\"code\":400,\"events_with_invalid_fields\":{\"time\":[1]}}"), List.of(one, two));
        assertThat(refused.get(0)).isInstanceOf(DeliveryResult.RetryLater.class);
        assertThat(((DeliveryResult.RetryLater) refused.get(0)).retryAfter()).isZero();
        assertThat(refused.get(1)).isInstanceOf(DeliveryResult.Permanent.class);

        List<DeliveryResult> throttled = amplitude.interpretBatch(DeliveryAnswer.http(429, Map.of(),
                "{\"code\":429,\"throttled_users\":{\"41\":31},\"throttled_events\":[0]}"), List.of(one, two));
        assertThat(((DeliveryResult.RetryLater) throttled.get(0)).retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(((DeliveryResult.RetryLater) throttled.get(1)).retryAfter()).isNull();
    }

    @Test
    void slackReadsItsPlainTextErrorsAsPermanentAndEscapesPlatformStrings() throws Exception {
        SlackConnector slack = new SlackConnector(new SlackProperties(), new Json());
        assertThat(slack.interpret(DeliveryAnswer.http(404, Map.of(), "no_service")))
                .isInstanceOf(DeliveryResult.Permanent.class).extracting(DeliveryResult::summary).asString()
                .contains("no_service");
        assertThat(slack.interpret(DeliveryAnswer.http(429, Map.of("Retry-After", "2"), "rate_limited")))
                .isInstanceOf(DeliveryResult.RetryLater.class);
        assertThat(slack.interpret(DeliveryAnswer.http(200, Map.of(), "ok")))
                .isInstanceOf(DeliveryResult.Delivered.class);

        var body = Fixtures.object("payment_updated-failed.json").put("customer_name", "<!channel> & co");
        PlatformEvent e = new UltimateMultisiteAdapter().normalise("payment_updated", body, Instant.now()).event();
        JsonNode message = json.readTree(slack.prepare(e, List.of("alert"), null, KEY).body());
        assertThat(message.path("text").asText()).startsWith("Payment failed: ").contains("&lt;!channel&gt; &amp; co")
                .doesNotContain("<!channel>");
        assertThat(slack.prepare(e, List.of("alert"), null, KEY).url()).doesNotContain("services/T");
    }
}

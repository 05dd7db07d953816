package dev.umhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.fakes.AmplitudeFake;
import dev.umhub.fakes.JsonApiFake;
import dev.umhub.fakes.MixpanelFake;
import dev.umhub.fakes.PostHogFake;
import dev.umhub.fakes.SegmentFake;
import dev.umhub.fakes.SlackFake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analytics and alert connectors against fakes that answer as the providers do: a paid checkout, a cancellation
 * and a payment failure reach Mixpanel, PostHog, Segment and Amplitude with the delivery key as each one's dedup id,
 * and Slack gets an alert for the churn and the failure; each provider's failure answers are classified its way.
 */
class AnalyticsConnectorsIT {

    static final String RULES = """
            package dev.umhub.rules;
            import dev.umhub.event.PlatformEvent;
            import dev.umhub.event.Payment;

            rule "Purchases go to the analytics tools"
            when
                PlatformEvent( type == "payment.received" )
                Payment( status == "completed", total != null && total > 0 )
            then
                for (String d : new String[] {"mixpanel", "posthog", "segment", "amplitude"}) {
                    insert(new Dispatch(d, "purchase"));
                }
            end

            rule "Churn and failed payments go to the analytics tools and to Slack"
            when
                PlatformEvent( $type : type, type in ("membership.cancelled", "payment.failed") )
            then
                String name = $type.equals("payment.failed") ? "payment_failed" : "membership_cancelled";
                for (String d : new String[] {"mixpanel", "posthog", "segment", "amplitude"}) {
                    insert(new Dispatch(d, name));
                }
                insert(new Dispatch("slack", "alert"));
            end
            """;

    @TempDir
    Path work;

    private record Fakes(MixpanelFake mixpanel, PostHogFake posthog, SegmentFake segment, AmplitudeFake amplitude,
                         SlackFake slack) implements AutoCloseable {
        Fakes() {
            this(new MixpanelFake("4242", "umhub.sa", "mp-secret"), new PostHogFake("phc_test"),
                    new SegmentFake("seg-write-key"), new AmplitudeFake("amp-key"), new SlackFake());
        }

        @Override
        public void close() {
            List.of(mixpanel, posthog, segment, amplitude).forEach(JsonApiFake::close);
            slack.close();
        }
    }

    private StandaloneUmhub start(Fakes f) throws Exception {
        Map<String, Object> p = StandaloneUmhub.defaults(work);
        Files.delete(work.resolve("rules/integrations.drl"));
        Files.writeString(work.resolve("rules/analytics.drl"), RULES);
        p.put("umhub.destinations.mixpanel.base-url", f.mixpanel().baseUrl());
        p.put("umhub.destinations.mixpanel.project-id", "4242");
        p.put("umhub.destinations.mixpanel.service-account-username", "umhub.sa");
        p.put("umhub.destinations.mixpanel.service-account-secret", "mp-secret");
        p.put("umhub.destinations.posthog.base-url", f.posthog().baseUrl());
        p.put("umhub.destinations.posthog.api-key", "phc_test");
        p.put("umhub.destinations.segment.base-url", f.segment().baseUrl());
        p.put("umhub.destinations.segment.write-key", "seg-write-key");
        p.put("umhub.destinations.amplitude.base-url", f.amplitude().baseUrl());
        p.put("umhub.destinations.amplitude.api-key", "amp-key");
        p.put("umhub.destinations.amplitude.throttled-user-pause", "1s");
        p.put("umhub.destinations.slack.webhook-url", f.slack().webhookUrl());
        for (String d : List.of("mixpanel", "posthog", "segment", "amplitude", "slack")) {
            p.put("umhub.destinations." + d + ".retry-backoff", "300ms,300ms");
            p.put("umhub.destinations." + d + ".retry-jitter", "0");
        }
        return StandaloneUmhub.start(p);
    }

    @Test
    void aCheckoutAChurnAndAFailureReachEveryToolWithTheDeliveryKeyAsDedupId() throws Exception {
        try (Fakes f = new Fakes(); StandaloneUmhub umhub = start(f)) {
            ObjectNode paid = Payloads.paidPayment();
            String purchase = umhub.http.webhook("payment_received", Payloads.bytes(paid)).json().path("id").asText();
            String churn = umhub.http.webhook("membership_updated", Payloads.bytes(Payloads.cancellation())).json()
                    .path("id").asText();
            String failure = umhub.http.webhook("payment_updated", Payloads.bytes(Payloads.failedPayment())).json()
                    .path("id").asText();
            await().atMost(Duration.ofSeconds(20)).until(() -> f.mixpanel().accepted().size() == 3
                    && f.posthog().accepted().size() == 3 && f.segment().accepted().size() == 3
                    && f.amplitude().accepted().size() == 3 && f.slack().accepted().size() == 2);

            String key = umhub.http.delivery(purchase, "mixpanel").path("id").asText();
            JsonNode mp = find(f.mixpanel().accepted(), "/event", "purchase");
            assertThat(mp.at("/properties/$insert_id").asText()).isEqualTo(key);
            assertThat(mp.at("/properties/distinct_id").asText()).isEqualTo(paid.path("customer_id").asText());
            assertThat(mp.at("/properties/revenue").decimalValue()).isEqualByComparingTo("29");
            assertThat(mp.at("/properties/payment_reference").asText()).isEqualTo(paid.path("payment_reference_code")
                    .asText());
            assertThat(JsonApiFake.texts(f.mixpanel().accepted(), "/event"))
                    .containsExactlyInAnyOrder("purchase", "membership_cancelled", "payment_failed");

            JsonNode ph = find(f.posthog().accepted(), "/event", "purchase");
            assertThat(ph.path("uuid").asText()).isEqualTo(umhub.http.delivery(purchase, "posthog").path("id").asText());
            assertThat(f.posthog().dropped()).isZero();

            JsonNode seg = find(f.segment().accepted(), "/event", "membership_cancelled");
            assertThat(seg.path("messageId").asText()).isEqualTo(umhub.http.delivery(churn, "segment").path("id")
                    .asText());
            assertThat(seg.path("type").asText()).isEqualTo("track");

            JsonNode amp = find(f.amplitude().accepted(), "/event_type", "purchase");
            assertThat(amp.path("insert_id").asText()).isEqualTo(umhub.http.delivery(purchase, "amplitude").path("id")
                    .asText());
            assertThat(amp.path("revenue").decimalValue()).isEqualByComparingTo("29");
            assertThat(amp.path("time").isNumber()).isTrue();

            assertThat(f.slack().accepted()).extracting(SlackFake.Message::text)
                    .anyMatch(t -> t.startsWith("Membership cancelled: ")).anyMatch(t -> t.startsWith("Payment failed: "));

            // secrets in no recorded request: not the write key, the API keys, the service account or the hook
            for (String[] d : new String[][] {{purchase, "mixpanel"}, {purchase, "posthog"}, {churn, "segment"},
                {purchase, "amplitude"}, {failure, "slack"}}) {
                String recorded = umhub.http.delivery(d[0], d[1]).toString();
                assertThat(recorded).doesNotContain("mp-secret", "phc_test", "seg-write-key", "amp-key",
                        "umhubHookSecret0001");
            }
        }
    }

    @Test
    void eachProvidersFailureAnswersAreClassifiedItsWay() throws Exception {
        try (Fakes f = new Fakes(); StandaloneUmhub umhub = start(f)) {
            // Mixpanel: an event failing strict validation is a dead letter with Mixpanel's reason
            ObjectNode refused = Payloads.failedPayment();
            f.mixpanel().refuseDistinctId(refused.path("customer_id").asText());
            // Segment: 429 with Retry-After, then delivered; PostHog: 503, then delivered
            f.segment().rateLimitNext(429, "{\"success\":false}", 1);
            f.posthog().answerNext(503, "{\"error\":\"transient error, please retry\"}");
            // Amplitude: the user throttled once (429 with throttled_events), then delivered
            f.amplitude().throttleUser(refused.path("customer_id").asText(), 1);
            // Slack: a plain-text error is permanent, with Slack's word for it
            f.slack().answerNext(404, "no_service");
            String id = umhub.http.webhook("payment_updated", Payloads.bytes(refused)).json().path("id").asText();

            await().atMost(Duration.ofSeconds(20)).until(() -> "DEAD".equals(status(umhub, id, "mixpanel"))
                    && "DEAD".equals(status(umhub, id, "slack")));
            assertThat(umhub.http.delivery(id, "mixpanel").path("lastError").asText())
                    .contains("Mixpanel refused").contains("distinct_id");
            assertThat(umhub.http.delivery(id, "slack").path("lastError").asText()).contains("no_service");

            await().atMost(Duration.ofSeconds(40)).until(() -> "DELIVERED".equals(status(umhub, id, "segment"))
                    && "DELIVERED".equals(status(umhub, id, "posthog"))
                    && "DELIVERED".equals(status(umhub, id, "amplitude")));
            assertThat(attempts(umhub, id, "segment")).isEqualTo(2);
            assertThat(attempts(umhub, id, "posthog")).isEqualTo(2);
            assertThat(attempts(umhub, id, "amplitude")).isEqualTo(2);
            assertThat(umhub.http.delivery(id, "amplitude").path("attemptHistory").get(0).toString())
                    .contains("throttled");
        }
    }

    private static String status(StandaloneUmhub umhub, String event, String destination) {
        return umhub.http.delivery(event, destination).path("status").asText();
    }

    private static int attempts(StandaloneUmhub umhub, String event, String destination) {
        return umhub.http.delivery(event, destination).path("attemptHistory").size();
    }

    private static JsonNode find(List<JsonNode> events, String pointer, String value) {
        return events.stream().filter(e -> value.equals(e.at(pointer).asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + value + " in " + events));
    }
}

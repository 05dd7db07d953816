package dev.umhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.umhub.fakes.SlackFake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

/**
 * A destination added with a route file, a mapping and a rule, no Java: it gets retries, dead letters, replay and an
 * idempotency key like HubSpot and GA4; its mapping is checked when its file loads; a rule that names a destination
 * that does not exist is reported.
 */
class DestinationsIT {

    static final String SLACK_ROUTE = """
            # Slack incoming webhook: alerts on failed payments. The webhook URL is the secret.
            - route:
                id: deliver-ops-alerts
                routeConfigurationId: deliveries
                from:
                  uri: direct:deliver-ops-alerts
                  steps:
                    - removeHeaders:
                        pattern: "*"
                        excludePattern: "Idempotency-Key|Content-Type"
                    - setHeader:
                        name: CamelHttpMethod
                        constant: POST
                    - to:
                        uri: "{{umhub.destinations.ops-alerts.webhook-url}}"
                        parameters:
                          throwExceptionOnFailure: false
            """;
    static final String SLACK_MAPPING = """
            data.payment ? {
              "text": "Payment failed: " & data.customer.name & " (" & data.payment.currency & " " & $string(data.payment.total) & ")",
              "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "*Payment failed* for " & data.customer.email}}]
            } : $error("a Slack alert needs a payment")
            """;
    static final String ALERT_RULES = """
            package dev.umhub.rules;
            import dev.umhub.event.PlatformEvent;

            rule "Failed payments alert the team on Slack"
            when
                PlatformEvent( type == "payment.failed" )
            then
                insert(new Dispatch("ops-alerts", "alert"));
            end

            rule "Cancellations alert the team on Slack"
            when
                PlatformEvent( type == "membership.cancelled" )
            then
                insert(new Dispatch("ops-alerts", "alert"));
            end
            """;

    @TempDir
    Path work;

    private StandaloneUmhub start(SlackFake slack) throws Exception {
        Path routes = work.resolve("routes");
        FileSystemUtils.copyRecursively(Path.of("routes"), routes);
        Files.writeString(routes.resolve("destinations/ops-alerts.yaml"), SLACK_ROUTE);
        Files.writeString(routes.resolve("destinations/ops-alerts.jsonata"), SLACK_MAPPING);
        Map<String, Object> p = StandaloneUmhub.defaults(work);
        Files.writeString(work.resolve("rules/alerts.drl"), ALERT_RULES);
        p.put("umhub.routes.directory", routes.toString());
        p.put("umhub.routes.poll-interval", "200ms");
        p.put("umhub.rules.poll-interval", "200ms");
        p.put("umhub.destinations.ops-alerts.webhook-url", slack.webhookUrl());
        p.put("umhub.destinations.ops-alerts.retry-backoff", "300ms,300ms");
        p.put("umhub.destinations.ops-alerts.retry-jitter", "0");
        return StandaloneUmhub.start(p);
    }

    private static JsonNode slackDelivery(StandaloneUmhub umhub, String eventId) {
        return umhub.http.delivery(eventId, "ops-alerts");
    }

    @Test
    void aYamlDestinationIsRetriedDeadLetteredAndReplayedLikeAnyOther() throws Exception {
        try (SlackFake slack = new SlackFake(); StandaloneUmhub umhub = start(slack)) {
            assertThat(umhub.http.get("/api/destinations").has("ops-alerts")).isTrue();

            // 503 first: retried, then delivered once, mapped, with the delivery's idempotency key
            slack.answerNext(503, "service_unavailable");
            var failed = Payloads.failedPayment();
            String first = umhub.http.webhook("payment_updated", Payloads.bytes(failed)).json().path("id").asText();
            await().atMost(Duration.ofSeconds(15)).until(() -> slack.accepted().size() == 1);
            SlackFake.Message m = slack.accepted().get(0);
            assertThat(m.text()).isEqualTo("Payment failed: " + failed.path("customer_name").asText() + " (USD 29)");
            assertThat(m.body().path("blocks").get(0).path("text").path("text").asText())
                    .contains(failed.path("customer_user_email").asText());
            await().atMost(Duration.ofSeconds(5)).until(() -> "DELIVERED".equals(slackDelivery(umhub, first).path("status").asText()));
            JsonNode delivery = slackDelivery(umhub, first);
            assertThat(m.idempotencyKey()).isEqualTo(delivery.path("id").asText());
            assertThat(delivery.path("attemptHistory")).hasSize(2);
            assertThat(delivery.path("attemptHistory").get(0).path("errorClass").asText()).isEqualTo("http_503");
            // what was recorded is what was sent: the hook URL is the secret, masked
            JsonNode sent = delivery.path("attemptHistory").get(1).path("request");
            assertThat(sent.path("url").asText()).startsWith("http").doesNotContain("umhubHookSecret0001");
            assertThat(umhub.http.event(first).toString()).doesNotContain("umhubHookSecret0001");

            // 400 from Slack: permanent, a dead letter; replayed once Slack is fixed, delivered
            slack.answerNext(400, "invalid_payload");
            String second = umhub.http.webhook("payment_updated", Payloads.bytes(Payloads.failedPayment())).json()
                    .path("id").asText();
            await().atMost(Duration.ofSeconds(15)).until(() -> "DEAD".equals(slackDelivery(umhub, second).path("status").asText()));
            String deadId = slackDelivery(umhub, second).path("id").asText();
            assertThat(umhub.http.get("/api/dead-letters/" + deadId).path("deadLetter").path("errorClass").asText())
                    .isEqualTo("http_400");
            assertThat(umhub.http.admin("POST", "/api/dead-letters/" + deadId + "/replay", null).status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(15)).until(() -> slack.accepted().size() == 2);

            // an event the mapping cannot make a message of: an unmappable dead letter, and nothing else stops
            var cancelled = dev.umhub.Fixtures.object("membership_updated-cancelled.json").put("membership_id", 98765)
                    .put("customer_id", 98765);
            String third = umhub.http.webhook("membership_updated", Payloads.bytes(cancelled)).json().path("id").asText();
            await().atMost(Duration.ofSeconds(10)).until(() -> "DEAD".equals(slackDelivery(umhub, third).path("status").asText()));
            JsonNode unmappable = slackDelivery(umhub, third);
            assertThat(unmappable.path("errorClass").asText()).isEqualTo("unmappable");
            assertThat(unmappable.path("lastError").asText()).contains("a Slack alert needs a payment");
        }
    }

    @Test
    void aMappingThatDoesNotCompileKeepsThePreviousVersionAndUnknownDestinationsAreReported() throws Exception {
        try (SlackFake slack = new SlackFake(); StandaloneUmhub umhub = start(slack)) {
            Path mapping = work.resolve("routes/destinations/ops-alerts.jsonata");
            Files.writeString(mapping, "{\n  \"text\": \"broken\" &\n}\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> "stale".equals(umhub.http
                    .routeFile("destinations/ops-alerts.yaml").path("state").asText()));
            JsonNode state = umhub.http.routeFile("destinations/ops-alerts.yaml");
            assertThat(state.path("errorFile").asText()).isEqualTo("destinations/ops-alerts.jsonata");
            assertThat(state.path("errorLine").asInt()).isBetween(2, 3);
            // the previous mapping still makes the messages
            umhub.http.webhook("payment_updated", Payloads.bytes(Payloads.failedPayment()));
            await().atMost(Duration.ofSeconds(10)).until(() -> slack.accepted().size() == 1);
            assertThat(slack.accepted().get(0).text()).startsWith("Payment failed: ");

            Files.writeString(work.resolve("rules/typo.drl"), """
                    package dev.umhub.rules;
                    import dev.umhub.event.PlatformEvent;
                    rule "Failed payments go to the finance team"
                    when
                        PlatformEvent( type == "payment.failed" )
                    then
                        insert(new Dispatch("slak", "alert"));
                    end
                    """);
            await().atMost(Duration.ofSeconds(10)).until(() -> umhub.http.get("/api/rules").path("unknownDestinations").size() == 1);
            JsonNode warning = umhub.http.get("/api/rules").path("unknownDestinations").get(0);
            assertThat(warning.path("file").asText()).isEqualTo("typo.drl");
            assertThat(warning.path("line").asInt()).isEqualTo(7);
            assertThat(warning.path("text").asText()).contains("'slak'");

            // meanwhile its deliveries are no_destination dead letters; once the destination exists, a replay (as
            // decided, the default) prepares the request it never had
            String event = umhub.http.webhook("payment_updated", Payloads.bytes(Payloads.failedPayment())).json()
                    .path("id").asText();
            await().atMost(Duration.ofSeconds(10)).until(() -> "DEAD".equals(umhub.http.delivery(event, "slak").path("status").asText()));
            assertThat(umhub.http.delivery(event, "slak").path("errorClass").asText()).isEqualTo("no_destination");
            await().atMost(Duration.ofSeconds(10)).until(() -> slack.accepted().size() == 2);
            Files.writeString(work.resolve("routes/destinations/slak.jsonata"), SLACK_MAPPING);
            Files.writeString(work.resolve("routes/destinations/slak.yaml"), SLACK_ROUTE.replace("deliver-ops-alerts",
                    "deliver-slak"));
            // listed already (its dead letter is counted); delivered to once it has a lane
            await().atMost(Duration.ofSeconds(10)).until(() -> umhub.http.get("/api/destinations").path("slak").has("lane"));
            String dead = umhub.http.delivery(event, "slak").path("id").asText();
            Http.Answer replayed = umhub.http.admin("POST", "/api/dead-letters/" + dead + "/replay", null);
            assertThat(replayed.status()).isEqualTo(202);
            assertThat(replayed.json().path("outcome").asText()).as(replayed.body()).isEqualTo("REPLAYED");
            await().atMost(Duration.ofSeconds(10)).until(() -> slack.accepted().size() == 3);
            assertThat(slack.accepted().get(2).text()).startsWith("Payment failed: ");
            await().atMost(Duration.ofSeconds(5)).until(() -> "DELIVERED".equals(umhub.http.delivery(event, "slak")
                    .path("status").asText()));
        }
    }
    @Test
    void aRouteThatNamesTheDestinationThroughTheKameletIsDeliveredThereWithoutTheRules() throws Exception {
        try (SlackFake slack = new SlackFake(); StandaloneUmhub umhub = start(slack)) {
            Files.writeString(work.resolve("routes/sources/host-alerts.yaml"), """
                    - route:
                        id: host-alerts
                        from:
                          uri: direct:host-alerts
                          steps:
                            - to: "kamelet:umhub-destination-sink?destination=ops-alerts&action=alert&origin=payment_updated"
                    """);
            await().atMost(Duration.ofSeconds(10)).until(() -> "running".equals(umhub.http
                    .routeFile("sources/host-alerts.yaml").path("state").asText()));
            org.apache.camel.CamelContext camel = umhub.context().getBean(org.apache.camel.CamelContext.class);
            var failed = Payloads.failedPayment();
            String ack;
            try (org.apache.camel.ProducerTemplate producer = camel.createProducerTemplate()) {
                ack = producer.requestBody("direct:host-alerts", Payloads.bytes(failed), String.class);
            }
            String id = dev.umhub.Fixtures.JSON.readTree(ack).path("id").asText();
            await().atMost(Duration.ofSeconds(10)).until(() -> slack.accepted().size() == 1);
            assertThat(slack.accepted().get(0).text()).startsWith("Payment failed: " + failed.path("customer_name").asText());
            // delivered there only: the rules would also have sent a failed payment to GA4
            JsonNode event = umhub.http.event(id);
            assertThat(event.path("deliveries")).hasSize(1);
            assertThat(event.path("rulesVersion").asText()).isEqualTo("chosen by the sender");
            assertThat(event.path("dispatches").get(0).path("rule").asText())
                    .isEqualTo("sent to ops-alerts by route host-alerts");
            await().atMost(Duration.ofSeconds(5)).until(() -> "DELIVERED".equals(slackDelivery(umhub, id)
                    .path("status").asText()));

            // the same payload as a webhook is an event of its own, decided by the rules
            String viaWebhook = umhub.http.webhook("payment_updated", Payloads.bytes(failed)).json().path("id").asText();
            assertThat(viaWebhook).isNotEqualTo(id);
            assertThat(umhub.http.delivery(viaWebhook, "ga4").isMissingNode()).isFalse(); // Http.delivery waits
            // the rules send it to the alerts too: delivered before the next answer is made to fail
            await().atMost(Duration.ofSeconds(15)).until(() -> "DELIVERED".equals(slackDelivery(umhub, viaWebhook)
                    .path("status").asText()));

            // a dead letter of the sender's choosing, replayed re-evaluated, stays the sender's choice (not SKIPPED)
            slack.answerNext(400, "invalid_payload");
            String second;
            try (org.apache.camel.ProducerTemplate producer = camel.createProducerTemplate()) {
                second = dev.umhub.Fixtures.JSON.readTree(producer.requestBody("direct:host-alerts",
                        Payloads.bytes(Payloads.failedPayment()), String.class)).path("id").asText();
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> "DEAD".equals(slackDelivery(umhub, second)
                    .path("status").asText()));
            String dead = slackDelivery(umhub, second).path("id").asText();
            Http.Answer replayed = umhub.http.admin("POST", "/api/dead-letters/" + dead + "/replay?mode=re-evaluated", null);
            assertThat(replayed.json().path("outcome").asText()).as(replayed.body()).isEqualTo("REPLAYED");
            await().atMost(Duration.ofSeconds(15)).until(() -> "DELIVERED".equals(slackDelivery(umhub, second)
                    .path("status").asText()));

            // a destination that does not exist is refused to the sender, nothing is stored
            long events = umhub.http.journaled();
            try (org.apache.camel.ProducerTemplate producer = camel.createProducerTemplate()) {
                assertThatThrownBy(() -> producer.requestBodyAndHeaders("direct:ingest",
                        Payloads.bytes(Payloads.failedPayment()), Map.of("UmhubSource", "ultimate-multisite",
                                "UmhubOrigin", "payment_updated", "UmhubDestination", "nowhere")))
                        .rootCause().isInstanceOf(dev.umhub.ingest.IngestRejectedException.class)
                        .hasMessageContaining("no destination named 'nowhere'");
            }
            assertThat(umhub.http.journaled()).isEqualTo(events);
        }
    }
}

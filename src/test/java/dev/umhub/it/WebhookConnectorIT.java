package dev.umhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook connector feeds another umhub: the first one's rules send a paid payment to {@code webhook}, which posts
 * the canonical event, signed per Standard Webhooks, to the second one's {@code POST /events}; the second verifies the
 * signature and takes the event as its own. A receiver that does not know the secret answers 401: a dead letter.
 */
class WebhookConnectorIT {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String RULE = """
            package dev.umhub.rules;
            import dev.umhub.event.PlatformEvent;

            rule "Payments are passed on to the other hub"
            when
                PlatformEvent( type == "payment.received" )
            then
                insert(new Dispatch("webhook", "forward"));
            end
            """;

    @TempDir
    Path first;
    @TempDir
    Path second;

    private StandaloneUmhub sender(int receiverPort, String secret) throws Exception {
        Map<String, Object> p = StandaloneUmhub.defaults(first);
        Files.delete(first.resolve("rules/integrations.drl"));
        Files.writeString(first.resolve("rules/forward.drl"), RULE);
        p.put("umhub.destinations.webhook.url", "http://127.0.0.1:" + receiverPort + "/events");
        p.put("umhub.destinations.webhook.signing-secret", secret);
        p.put("umhub.destinations.webhook.retry-backoff", "300ms");
        p.put("umhub.destinations.webhook.retry-jitter", "0");
        return StandaloneUmhub.start(p);
    }

    private StandaloneUmhub receiver() throws Exception {
        Map<String, Object> p = StandaloneUmhub.defaults(second);
        p.put("umhub.sources.envelope.signing-secret", SECRET);
        return StandaloneUmhub.start(p);
    }

    @Test
    void oneUmhubFeedsAnotherThroughSignedCanonicalEvents() throws Exception {
        try (StandaloneUmhub b = receiver(); StandaloneUmhub a = sender(b.http.port(), SECRET)) {
            ObjectNode paid = Payloads.paidPayment();
            String id = a.http.webhook("payment_received", Payloads.bytes(paid)).json().path("id").asText();
            await().atMost(Duration.ofSeconds(15)).until(() -> "DELIVERED".equals(a.http.delivery(id, "webhook")
                    .path("status").asText()));
            String key = a.http.delivery(id, "webhook").path("id").asText();

            JsonNode received = null;
            for (JsonNode e : b.http.get("/api/events?limit=10")) {
                received = "payment.received".equals(e.path("type").asText()) ? e : received;
            }
            assertThat(received).as("the payment arrived at the other hub").isNotNull();
            JsonNode event = b.http.event(received.path("id").asText());
            assertThat(event.path("event").path("data").path("customer").path("email").asText())
                    .isEqualTo(paid.path("customer_user_email").asText());
            assertThat(event.path("event").path("data").path("payment").path("referenceCode").asText())
                    .isEqualTo(paid.path("payment_reference_code").asText());
            assertThat(event.path("event").path("origin").asText()).as("the sender's event id")
                    .isEqualTo(a.http.event(id).path("event").path("id").asText());
            JsonNode attempt = a.http.delivery(id, "webhook").path("attemptHistory").get(0).path("request");
            assertThat(attempt.path("headers").path("webhook-id").asText()).as("the delivery key").isEqualTo(key);
            assertThat(a.http.delivery(id, "webhook").toString()).doesNotContain(SECRET.substring(6));
        }
    }

    @Test
    void aReceiverWithAnotherSecretRefusesAndTheDeliveryIsADeadLetter() throws Exception {
        try (StandaloneUmhub b = receiver();
             StandaloneUmhub a = sender(b.http.port(), "whsec_" + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=")) {
            String id = a.http.webhook("payment_received", Payloads.bytes(Payloads.paidPayment())).json().path("id")
                    .asText();
            await().atMost(Duration.ofSeconds(15)).until(() -> "DEAD".equals(a.http.delivery(id, "webhook")
                    .path("status").asText()));
            assertThat(a.http.delivery(id, "webhook").path("errorClass").asText()).isEqualTo("http_401");
            assertThat(b.http.get("/api/events?limit=10")).isEmpty();
        }
    }
}

package dev.umhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.umhub.ingest.envelope.StandardWebhooks;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** POST /events: one canonical CloudEvent, signed per Standard Webhooks; the webhook-id is the idempotency key. */
class SignedEventsIT extends UmhubIT {

    private static String cloudEvent(String ref, String type) {
        return """
                {"specversion":"1.0","id":"evt-%s","source":"/bridge/ultimate-multisite","type":"%s",
                 "subject":"payment/%s","datacontenttype":"application/json",
                 "data":{"customer":{"id":"9%s","name":"Ada Lovelace","email":"ada.%s@example.com"},
                         "payment":{"id":"%s","status":"completed","referenceCode":"%s","subtotal":49,"taxTotal":0,
                                    "total":49,"currency":"EUR","productNames":"Pro Plan"}}}
                """.formatted(ref, type, ref, ref, ref, ref, ref);
    }

    private Http.Answer post(String id, long timestamp, String signature, String body) {
        HttpRequest.Builder r = http.request("/events").POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/cloudevents+json");
        if (id != null) {
            r.header("webhook-id", id);
        }
        r.header("webhook-timestamp", String.valueOf(timestamp));
        if (signature != null) {
            r.header("webhook-signature", signature);
        }
        return http.send(r.build());
    }

    private Http.Answer signed(String id, String body) {
        long now = Instant.now().getEpochSecond();
        return post(id, now, StandardWebhooks.sign(ENVELOPE_SECRET, id, now, body.getBytes(StandardCharsets.UTF_8)), body);
    }

    @Test
    void aSignedEventIsAcceptedOnceAndDelivered() {
        String ref = String.valueOf(System.nanoTime() % 1_000_000_000L);
        String id = "msg_" + UUID.randomUUID();
        String body = cloudEvent(ref, "payment.received");
        Http.Answer a = signed(id, body);
        assertThat(a.status()).as(a.body()).isEqualTo(202);
        assertThat(a.json().path("type").asText()).isEqualTo("payment.received");
        Http.Answer again = signed(id, body);
        assertThat(again.json().path("duplicate").asBoolean()).isTrue();
        assertThat(again.json().path("id").asText()).isEqualTo(a.json().path("id").asText());
        await().atMost(Duration.ofSeconds(10)).until(() -> GA4.recorded("purchase").stream()
                .anyMatch(r -> r.params().path("transaction_id").asText().equals(ref)));
    }

    @Test
    void signaturesAreCheckedOverTheExactBytesWithToleranceAndRotation() {
        String body = cloudEvent("777", "payment.received");
        long now = Instant.now().getEpochSecond();
        String id = "msg_" + UUID.randomUUID();
        String good = StandardWebhooks.sign(ENVELOPE_SECRET, id, now, body.getBytes(StandardCharsets.UTF_8));
        String other = StandardWebhooks.sign("whsec_b3RoZXIta2V5", id, now, body.getBytes(StandardCharsets.UTF_8));
        assertThat(post(id, now, good, body + " ").status()).as("one more byte").isEqualTo(401);
        assertThat(post(id, now, other, body).status()).as("another key").isEqualTo(401);
        assertThat(post(id, now - 600, StandardWebhooks.sign(ENVELOPE_SECRET, id, now - 600,
                body.getBytes(StandardCharsets.UTF_8)), body).status()).as("10 minutes old").isEqualTo(401);
        assertThat(post(null, now, good, body).status()).isEqualTo(401);
        assertThat(post(id, now, null, body).status()).isEqualTo(401);
        Http.Answer rotated = post(id, now, other + " " + good, body);
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(202);
        assertThat(rotated.contentType()).startsWith("application/json");
    }

    @Test
    void whatIsNotACanonicalCloudEventIs400() {
        assertThat(signed("msg_" + UUID.randomUUID(), "{\"specversion\":\"0.3\"}").status()).isEqualTo(400);
        assertThat(signed("msg_" + UUID.randomUUID(), cloudEvent("1", "payment.teleported")).status()).isEqualTo(400);
        assertThat(signed("msg_" + UUID.randomUUID(), "{\"specversion\":\"1.0\",\"type\":\"payment.received\",\"data\":[]}")
                .status()).isEqualTo(400);
        Http.Answer notJson = signed("msg_" + UUID.randomUUID(), "not json");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.contentType()).startsWith("application/problem+json");
    }
}

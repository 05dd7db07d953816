package dev.umhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Retries, Retry-After, dead letters and replay, against fakes that fail on purpose. */
class DeliveryFaultsIT extends UmhubIT {

    private String post(ObjectNode body) {
        Http.Answer a = http.webhook("payment_received", Payloads.bytes(body));
        assertThat(a.status()).isEqualTo(202);
        return a.json().path("id").asText();
    }

    private JsonNode delivery(String eventId, String destination) {
        return http.delivery(eventId, destination);
    }

    private static List<String> outcomes(JsonNode delivery) {
        List<String> out = new ArrayList<>();
        delivery.path("attemptHistory").forEach(a -> out.add(a.path("outcome").asText()));
        return out;
    }

    @Test
    void twoServerErrorsThenSuccessDeliversOnce() {
        GA4.fail(503, 503);
        ObjectNode body = Payloads.paidPayment();
        String id = post(body);
        String ref = body.path("payment_reference_code").asText();
        await().atMost(Duration.ofSeconds(15)).until(() -> "DELIVERED".equals(delivery(id, "ga4").path("status").asText()));
        assertThat(outcomes(delivery(id, "ga4"))).containsExactly("retry", "retry", "delivered");
        assertThat(GA4.recorded("purchase").stream().filter(r -> r.params().path("transaction_id").asText().equals(ref)))
                .hasSize(1);
    }

    @Test
    void tooManyRequestsWaitsForRetryAfter() {
        HUBSPOT.failWithRetryAfter(429, 2);
        String id = post(Payloads.paidPayment());
        await().atMost(Duration.ofSeconds(15)).until(() -> "DELIVERED".equals(delivery(id, "hubspot").path("status").asText()));
        JsonNode attempts = delivery(id, "hubspot").path("attemptHistory");
        assertThat(outcomes(delivery(id, "hubspot"))).containsExactly("retry", "delivered");
        assertThat(attempts.get(0).path("httpStatus").asInt()).isEqualTo(429);
        Instant first = Instant.parse(attempts.get(0).path("startedAt").asText());
        Instant second = Instant.parse(attempts.get(1).path("startedAt").asText());
        // the backoff here is 300 ms: only the Retry-After of 2 s explains the wait
        assertThat(Duration.between(first, second)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aRefusedRequestIsADeadLetterAndReplaysOnceTheProviderIsFixed() {
        HUBSPOT.failAlways(400);
        ObjectNode body = Payloads.paidPayment();
        String email = body.path("customer_user_email").asText();
        String id = post(body);
        await().atMost(Duration.ofSeconds(15)).until(() -> "DEAD".equals(delivery(id, "hubspot").path("status").asText()));
        JsonNode dead = delivery(id, "hubspot");
        assertThat(outcomes(dead)).containsExactly("permanent");
        assertThat(dead.path("lastError").asText()).contains("400").contains("VALIDATION_ERROR");
        String deliveryId = dead.path("id").asText();
        JsonNode listed = http.get("/api/dead-letters");
        assertThat(listed.findValuesAsText("id")).contains(deliveryId);

        HUBSPOT.reset(); // the mapping was fixed on the provider's side
        Http.Answer replay = http.admin("POST", "/api/dead-letters/" + deliveryId + "/replay", null);
        assertThat(replay.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(15)).until(() -> "DELIVERED".equals(delivery(id, "hubspot").path("status").asText()));
        assertThat(outcomes(delivery(id, "hubspot"))).containsExactly("permanent", "delivered");
        assertThat(HUBSPOT.acceptedInputs()).extracting(i -> i.path("id").asText()).containsExactly(email);
        assertThat(http.get("/api/dead-letters").findValuesAsText("id")).doesNotContain(deliveryId);
        assertThat(http.admin("POST", "/api/dead-letters/" + deliveryId + "/replay", null).status()).isEqualTo(404);
    }

    @Test
    void exhaustedRetriesEndAsADeadLetter() {
        GA4.failAlways(503);
        String id = post(Payloads.paidPayment());
        await().atMost(Duration.ofSeconds(15)).until(() -> "DEAD".equals(delivery(id, "ga4").path("status").asText()));
        assertThat(outcomes(delivery(id, "ga4"))).containsExactly("retry", "retry", "retry", "exhausted");
        assertThat(delivery(id, "hubspot").path("status").asText()).as("the other lane is not held up").isEqualTo("DELIVERED");
    }

    @Test
    void aTimeoutIsRetried() {
        HUBSPOT.hangNext(3000); // longer than the 1.5 s response timeout of these tests
        String id = post(Payloads.paidPayment());
        await().atMost(Duration.ofSeconds(15)).until(() -> "DELIVERED".equals(delivery(id, "hubspot").path("status").asText()));
        JsonNode first = delivery(id, "hubspot").path("attemptHistory").get(0);
        assertThat(first.path("outcome").asText()).isEqualTo("retry");
        assertThat(first.path("errorClass").asText()).containsIgnoringCase("timeout");
    }

    @Test
    void oneCustomersDeliveriesGoOutInEventOrderEvenAcrossRetries() {
        ObjectNode first = Payloads.paidPayment();
        String customer = first.path("customer_id").asText();
        List<String> refs = new ArrayList<>();
        GA4.fail(503); // the first event needs a retry; the two behind it must wait for it
        for (int i = 0; i < 3; i++) {
            ObjectNode e = i == 0 ? first : Payloads.paidPayment();
            e.put("customer_id", first.path("customer_id").asLong());
            e.put("customer_user_email", first.path("customer_user_email").asText());
            refs.add(e.path("payment_reference_code").asText());
            post(e);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> purchasesOf(customer).size() == 3);
        assertThat(purchasesOf(customer)).containsExactlyElementsOf(refs);
    }

    @Test
    void aPoisonEventBecomesADeadLetterWithoutBlockingTheEventsBehindIt() {
        HUBSPOT.fail(400);
        ObjectNode poison = Payloads.paidPayment();
        ObjectNode next = Payloads.paidPayment();
        next.put("customer_id", poison.path("customer_id").asLong());
        next.put("customer_user_email", poison.path("customer_user_email").asText());
        String poisonId = post(poison);
        String nextId = post(next);
        await().atMost(Duration.ofSeconds(10)).until(() -> "DELIVERED".equals(delivery(nextId, "hubspot").path("status").asText()));
        assertThat(delivery(poisonId, "hubspot").path("status").asText()).isEqualTo("DEAD");
    }

    @Test
    void idempotencyKeysStayTheSameAcrossRetriesAndReplays() {
        HUBSPOT.fail(503, 400);
        String id = post(Payloads.paidPayment());
        await().atMost(Duration.ofSeconds(10)).until(() -> "DEAD".equals(delivery(id, "hubspot").path("status").asText()));
        String deliveryId = delivery(id, "hubspot").path("id").asText();
        assertThat(http.admin("POST", "/api/dead-letters/" + deliveryId + "/replay", null).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> "DELIVERED".equals(delivery(id, "hubspot").path("status").asText()));
        List<String> traceIds = new ArrayList<>();
        for (var r : HUBSPOT.requests()) {
            traceIds.add(readTrace(r.getBodyAsString()));
        }
        // three calls (503, 400, then the replay): one key, derived from the event and the destination
        assertThat(traceIds).hasSize(3).containsOnly(deliveryId);
    }

    private static String readTrace(String body) {
        try {
            return dev.umhub.Fixtures.JSON.readTree(body).path("inputs").get(0).path("objectWriteTraceId").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> purchasesOf(String customerId) {
        return GA4.recorded("purchase").stream().filter(r -> customerId.equals(r.userId()))
                .map(r -> r.params().path("transaction_id").asText()).toList();
    }

    @Test
    void aDuplicateWebhookIsDeliveredOnce() {
        ObjectNode body = Payloads.paidPayment();
        Http.Answer first = http.webhook("payment_received", Payloads.bytes(body));
        Http.Answer again = http.webhook("payment_received", Payloads.bytes(body));
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().path("duplicate").asBoolean()).isTrue();
        assertThat(again.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
        String ref = body.path("payment_reference_code").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> GA4.recorded("purchase").stream()
                .anyMatch(r -> r.params().path("transaction_id").asText().equals(ref)));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> GA4.recorded("purchase").stream()
                .filter(r -> r.params().path("transaction_id").asText().equals(ref)).count() == 1);
    }
}

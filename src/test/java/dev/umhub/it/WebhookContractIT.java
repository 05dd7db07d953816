package dev.umhub.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.umhub.Fixtures;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The public webhook contract: clear problem+json 4xx for bad callers and bad bodies, JSON whatever the header. */
class WebhookContractIT extends UmhubIT {

    private static void assertProblem(Http.Answer a, int status) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.json().path("status").asInt()).isEqualTo(status);
        assertThat(a.json().path("detail").asText()).isNotBlank();
        assertThat(a.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aWrongOrMissingTokenIs401() {
        byte[] body = Payloads.bytes(Payloads.paidPayment());
        assertProblem(http.webhook("payment_received", body, "wrong", "application/json"), 401);
        assertProblem(http.webhook("payment_received", body, null, "application/json"), 401);
        assertProblem(http.webhook("payment_received", body, Http.WEBHOOK_TOKEN + "x", "application/json"), 401);
    }

    @Test
    void badBodiesAre400() {
        assertProblem(http.webhook("payment_received", "{\"payment_id\": 1,,}".getBytes(StandardCharsets.UTF_8)), 400);
        assertProblem(http.webhook("payment_received", "[1,2,3]".getBytes(StandardCharsets.UTF_8)), 400);
        assertProblem(http.webhook("payment_received", "\"text\"".getBytes(StandardCharsets.UTF_8)), 400);
        assertProblem(http.webhook("payment_received", new byte[0]), 400);
        assertProblem(http.webhook("payment_received", new byte[] {(byte) 0xC3, (byte) 0x28}), 400);
    }

    @Test
    void oddValuesNeverBreakTheLifecycleStates() {
        // statuses longer than any the platform sends: accepted, never a 500; the state keeps what it knew
        long n = System.nanoTime() % 100_000_000;
        String body = "{\"membership_id\":\"" + n + "\",\"membership_status\":\"" + "x".repeat(100)
                + "\",\"payment_id\":\"" + n + "\",\"payment_status\":\"" + "y".repeat(100) + "\",\"customer_id\":\"" + n + "\"}";
        Http.Answer a = http.webhook("payment_updated", body.getBytes(StandardCharsets.UTF_8));
        assertThat(a.status()).as(a.body()).isEqualTo(202);
        // an id no database would give, or an amount that is no plain decimal, is refused naming the field
        assertProblem(http.webhook("membership_updated", ("{\"membership_id\":\"" + "9".repeat(200) + "\"}")
                .getBytes(StandardCharsets.UTF_8)), 400);
        assertProblem(http.webhook("payment_updated", ("{\"payment_id\":\"p-" + "1".repeat(50) + "\"}")
                .getBytes(StandardCharsets.UTF_8)), 400);
        Http.Answer b = http.webhook("membership_updated", "{\"membership_id\":\"77001\",\"membership_amount_raw\":\"1e999\"}"
                .getBytes(StandardCharsets.UTF_8));
        assertProblem(b, 400);
        assertThat(b.json().path("detail").asText()).startsWith("membership_amount_raw");
    }

    @Test
    void anUnknownSlugIs404() {
        assertProblem(http.webhook("no_such_event", "{\"a\":1}".getBytes(StandardCharsets.UTF_8)), 404);
    }

    @Test
    void aBodyOverOneMebibyteIs413WithOrWithoutALength() {
        byte[] big = ("{\"customer_name\":\"" + "x".repeat(1100 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertProblem(http.webhook("customer_created", big), 413);
        // chunked: no Content-Length to refuse early, so ingest measures what it read
        HttpRequest chunked = http.request("/webhooks/ultimate-multisite/customer_created?token=" + Http.WEBHOOK_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
        assertProblem(http.send(chunked), 413);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "application/x-www-form-urlencoded", "text/plain", "application/json; charset=utf-8"})
    void theBodyIsJsonWhateverTheContentTypeSays(String contentType) {
        Http.Answer a = http.webhook("payment_received", Payloads.bytes(Payloads.paidPayment()), Http.WEBHOOK_TOKEN,
                contentType.isEmpty() ? null : contentType);
        assertThat(a.status()).as(a.body()).isEqualTo(202);
        assertThat(a.contentType()).startsWith("application/json");
    }

    @Test
    void theTokenIsNeverEchoed() {
        Http.Answer a = http.webhook("payment_received", Payloads.bytes(Payloads.paidPayment()));
        assertThat(a.raw().headers().map().toString()).doesNotContain(Http.WEBHOOK_TOKEN);
        assertThat(a.body()).doesNotContain(Http.WEBHOOK_TOKEN);
    }

    @Test
    void onlyPostIsAllowed() {
        Http.Answer a = http.send(http.request("/webhooks/ultimate-multisite/payment_received?token=" + Http.WEBHOOK_TOKEN)
                .GET().build());
        assertThat(a.status()).isEqualTo(405);
    }

    @Test
    void theAdminApiNeedsItsToken() {
        assertThat(http.send(http.request("/api/events").GET().build()).status()).isEqualTo(401);
        assertThat(http.send(http.request("/api/events").header("Authorization", "Bearer nope").GET().build()).status())
                .isEqualTo(401);
        assertThat(http.admin("GET", "/api/events?limit=0", null).status()).isEqualTo(400);
        assertThat(http.admin("GET", "/api/events/does-not-exist", null).status()).isEqualTo(404);
        assertThat(http.admin("GET", "/api/customers/does-not-exist", null).status()).isEqualTo(404);
    }

    @Test
    void evaluateShowsRulesAndRequestsWithoutStoringOrSending() {
        String body = "{\"slug\":\"payment_received\",\"payload\":" + Fixtures.object("payment_received.json")
                .put("payment_reference_code", "PMTEVAL1").put("customer_id", 999_999) + "}";
        long before = http.journaled();
        Http.Answer a = http.admin("POST", "/api/rules/evaluate", body);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.json().path("rulesFired").toString()).contains("Completed payments above zero are GA4 purchases");
        assertThat(a.body()).contains("PMTEVAL1").contains("/mp/collect").contains("batch/upsert")
                .doesNotContain(GA4_SECRET).doesNotContain(HUBSPOT_TOKEN);
        assertThat(http.journaled()).isEqualTo(before);
        assertThat(http.admin("GET", "/api/customers/999999", null).status()).isEqualTo(404);
        assertThat(GA4.calls()).isZero();
        assertThat(http.admin("POST", "/api/rules/evaluate", "{\"slug\":\"payment_received\"}").status()).isEqualTo(400);
        assertThat(http.admin("POST", "/api/rules/evaluate", "{\"slug\":\"nope\",\"payload\":{}}").status()).isEqualTo(404);
    }
}

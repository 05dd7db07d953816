package dev.umhub.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Garbage and attacks at the webhook: every case gets its specific 4xx problem+json, quickly, without a trace in
 * the answer, and its raw body is kept in the quarantine. Names full of HTML are data, never markup.
 */
class HostileInputIT extends UmhubIT {

    static Stream<Arguments> hostileBodies() {
        String deep = "{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        String hugeNumber = "{\"payment_id\": " + "9".repeat(400) + "}";
        String hugeExponent = "{\"payment_id\": 1e999999999, \"payment_total_raw\": 1e999999999}";
        String longId = "{\"customer_id\": \"" + "7".repeat(65) + "\"}";
        return Stream.of(
                Arguments.of("invalid JSON", "payment_received", "{\"payment_id\": 1,,}".getBytes(StandardCharsets.UTF_8), 400),
                Arguments.of("an array", "payment_received", "[{\"payment_id\": 1}]".getBytes(StandardCharsets.UTF_8), 400),
                Arguments.of("a scalar", "payment_received", "42".getBytes(StandardCharsets.UTF_8), 400),
                Arguments.of("an empty body", "payment_received", new byte[0], 400),
                Arguments.of("nesting 10,000 deep", "payment_received", deep.getBytes(StandardCharsets.UTF_8), 400),
                Arguments.of("a 400-digit number", "payment_received", hugeNumber.getBytes(StandardCharsets.UTF_8), 400),
                Arguments.of("an id of 1e999999999", "payment_received", hugeExponent.getBytes(StandardCharsets.UTF_8), 400),
                Arguments.of("an id too long to be one", "customer_created", longId.getBytes(StandardCharsets.UTF_8), 400),
                Arguments.of("invalid UTF-8", "payment_received", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3,
                    (byte) 0x28, '"', '}'}, 400),
                Arguments.of("an unknown slug", "wp_admin_login", "{\"a\":1}".getBytes(StandardCharsets.UTF_8), 404),
                Arguments.of("a body over 1 MiB", "customer_created",
                        ("{\"customer_name\":\"" + "x".repeat(1_100_000) + "\"}").getBytes(StandardCharsets.UTF_8), 413));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileBodies")
    void isRefusedWithItsOwnProblemAndQuarantined(String label, String slug, byte[] body, int status) {
        long started = System.nanoTime();
        Http.Answer a = http.webhook(slug, body);
        assertThat(a.status()).as(label + ": " + a.body()).isEqualTo(status);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.json().path("detail").asText()).isNotBlank();
        assertThat(a.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain(Http.WEBHOOK_TOKEN);
        assertThat(a.raw().headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(System.nanoTime() - started).as("no hang").isLessThan(5_000_000_000L);

        JsonNode newest = http.get("/api/quarantine?limit=1").get(0);
        assertThat(newest.path("status").asInt()).isEqualTo(status);
        assertThat(newest.path("path").asText()).endsWith("/" + slug).doesNotContain("token");
        assertThat(newest.path("bodyBytes").asLong()).isEqualTo(body.length);
    }

    @Test
    void wrongAndMissingTokensAreQuarantinedWithoutTheTokenAnywhere() {
        http.webhook("payment_received", "{\"attempt\":\"guess\"}".getBytes(StandardCharsets.UTF_8), "guess-1", null);
        JsonNode newest = http.get("/api/quarantine?limit=1").get(0);
        assertThat(newest.path("status").asInt()).isEqualTo(401);
        assertThat(newest.path("body").asText()).contains("guess");
        assertThat(newest.toString()).doesNotContain("guess-1").doesNotContain(Http.WEBHOOK_TOKEN);
        http.webhook("payment_received", "{}".getBytes(StandardCharsets.UTF_8), null, null);
        assertThat(http.get("/api/quarantine?limit=1").get(0).path("status").asInt()).isEqualTo(401);
    }

    @Test
    void aOneMegabyteStringUnderTheLimitIsStoredAsData() {
        ObjectNode body = Payloads.paidPayment();
        body.put("customer_billing_address", "y".repeat(1_000_000));
        Http.Answer a = http.webhook("payment_received", Payloads.bytes(body));
        assertThat(a.status()).as(a.body()).isEqualTo(202);
        JsonNode event = http.event(a.json().path("id").asText());
        assertThat(event.path("event").path("data").path("customer").path("billingAddress").asText()).hasSize(1_000_000);
    }

    @Test
    void htmlAndScriptInNamesAreStoredAsTextAndServedAsJson() {
        ObjectNode body = Payloads.paidPayment();
        String name = "<script>alert('x')</script><img src=x onerror=alert(1)> Doe";
        body.put("customer_name", name);
        Http.Answer a = http.webhook("payment_received", Payloads.bytes(body));
        assertThat(a.status()).isEqualTo(202);
        http.event(a.json().path("id").asText()); // processed
        Http.Answer detail = http.admin("GET", "/api/events/" + a.json().path("id").asText(), null);
        assertThat(detail.contentType()).startsWith("application/json");
        assertThat(detail.raw().headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(detail.raw().headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                v -> assertThat(v).contains("default-src 'none'"));
        assertThat(detail.json().path("event").path("data").path("customer").path("name").asText()).isEqualTo(name);
    }
}

package dev.umhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.fakes.Ga4Fake;
import dev.umhub.fakes.HubSpotFake;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** umhub as a separate JVM: killed with -9 mid-burst it loses nothing; stopped with SIGTERM it finishes in-flight work. */
class CrashAndShutdownIT {

    @TempDir
    Path work;

    private Map<String, Object> props(String hubspotUrl, String ga4Url) throws Exception {
        Map<String, Object> p = StandaloneUmhub.defaults(work);
        p.remove("server.port");
        p.put("umhub.destinations.hubspot.base-url", hubspotUrl);
        p.put("umhub.destinations.hubspot.access-token", "hs-crash");
        p.put("umhub.destinations.ga4.base-url", ga4Url);
        p.put("umhub.destinations.ga4.measurement-id", "G-CRASH");
        p.put("umhub.destinations.ga4.api-secret", "crash-secret");
        p.put("umhub.destinations.ga4.retry-backoff", "500ms,500ms,500ms,500ms,500ms");
        p.put("umhub.delivery.lease", "3s");
        return p;
    }

    @Test
    void killedWithMinus9DuringABurstItDeliversEveryAcceptedEventAfterARestart() throws Exception {
        try (Ga4Fake ga4 = new Ga4Fake("G-CRASH", "crash-secret"); HubSpotFake hubspot = new HubSpotFake("hs-crash")) {
            Map<String, Object> props = props(hubspot.baseUrl(), ga4.baseUrl());
            ga4.hangAlways(300); // slow enough that deliveries are in flight when the kill comes
            List<String> accepted = new ArrayList<>();
            Path firstLog;
            try (UmhubProcess first = UmhubProcess.start(props, Path.of("crash-1.log"))) {
                firstLog = first.log();
                // a request target Tomcat refuses (a raw '|') is logged by Tomcat itself, token and all, unless masked
                String refused = rawRequest(first.port(), "POST /webhooks/ultimate-multisite/payment_received?token="
                        + Http.WEBHOOK_TOKEN + "&x=a|b HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\n{}");
                assertThat(refused).startsWith("HTTP/1.1 400").contains("application/problem+json").doesNotContain("<html");
                for (int i = 0; i < 100; i++) {
                    ObjectNode body = Payloads.paidPayment();
                    if (first.http.webhook("payment_received", Payloads.bytes(body)).status() == 202) {
                        accepted.add(body.path("payment_reference_code").asText());
                    }
                }
                await().atMost(Duration.ofSeconds(20)).until(() -> ga4.calls() >= 10);
                first.kill9();
            }
            assertThat(accepted).hasSize(100);
            String log = java.nio.file.Files.readString(firstLog);
            assertThat(log).contains("token=****").doesNotContain(Http.WEBHOOK_TOKEN).doesNotContain("crash-secret")
                    .doesNotContain("hs-crash");
            ga4.heal();
            try (UmhubProcess second = UmhubProcess.start(props, Path.of("crash-2.log"))) {
                await().atMost(Duration.ofSeconds(60)).until(() -> delivered(ga4).containsAll(accepted));
                // at least once, and always with the same keys: one delivery id per purchase, however often sent
                Map<String, Set<String>> keys = ga4.recorded("purchase").stream().collect(Collectors.groupingBy(
                        r -> r.params().path("transaction_id").asText(),
                        Collectors.mapping(r -> r.params().path("umhub_delivery_id").asText(), Collectors.toSet())));
                assertThat(keys.values()).allSatisfy(k -> assertThat(k).hasSize(1));
            }
        }
    }

    @Test
    void sigtermRefusesNewEventsFinishesInFlightDeliveriesAndKeepsTheRest() throws Exception {
        try (Ga4Fake ga4 = new Ga4Fake("G-CRASH", "crash-secret"); HubSpotFake hubspot = new HubSpotFake("hs-crash")) {
            Map<String, Object> props = props(hubspot.baseUrl(), ga4.baseUrl());
            hubspot.hangAlways(2000);
            String eventId;
            List<Integer> answersWhileStopping = new ArrayList<>();
            List<String> retryAfters = new ArrayList<>();
            String email;
            try (UmhubProcess umhub = UmhubProcess.start(props, Path.of("crash-1.log"))) {
                ObjectNode inFlight = Payloads.paidPayment();
                email = inFlight.path("customer_user_email").asText();
                eventId = umhub.http.webhook("payment_received", Payloads.bytes(inFlight)).json().path("id").asText();
                await().atMost(Duration.ofSeconds(10)).until(() -> hubspot.requests().size() == 1);
                umhub.terminate();
                while (answersWhileStopping.size() < 50) {
                    try {
                        Http.Answer a = umhub.http.webhook("payment_received", Payloads.bytes(Payloads.paidPayment()));
                        answersWhileStopping.add(a.status());
                        a.raw().headers().firstValue("Retry-After").ifPresent(retryAfters::add);
                    } catch (RuntimeException connectionGone) {
                        break;
                    }
                    Thread.sleep(20);
                }
                assertThat(umhub.waitForExit(Duration.ofSeconds(30))).isTrue();
            }
            // a call that raced the SIGTERM may still be accepted (and stored); once umhub refuses, it only refuses
            int firstRefusal = answersWhileStopping.indexOf(503);
            assertThat(firstRefusal).as("refused while stopping: %s", answersWhileStopping).isNotNegative();
            assertThat(answersWhileStopping.subList(firstRefusal, answersWhileStopping.size())).containsOnly(503);
            assertThat(retryAfters).hasSize(answersWhileStopping.size() - firstRefusal);

            hubspot.reset();
            try (UmhubProcess again = UmhubProcess.start(props, Path.of("crash-2.log"))) {
                JsonNode event = again.http.event(eventId);
                JsonNode crm = event.path("deliveries").get(0).path("destination").asText().equals("hubspot")
                        ? event.path("deliveries").get(0) : event.path("deliveries").get(1);
                // the in-flight call finished within the grace period and was recorded: it is not sent again (an
                // event that raced the SIGTERM and was accepted is delivered now, for the first time)
                assertThat(crm.path("status").asText()).isEqualTo("DELIVERED");
                assertThat(crm.path("attemptHistory")).hasSize(1);
                Thread.sleep(1000);
                assertThat(hubspot.requests()).allSatisfy(r -> assertThat(r.getBodyAsString()).doesNotContain(email));
            }
        }
    }

    private static String rawRequest(int port, String request) throws java.io.IOException {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    private static Set<String> delivered(Ga4Fake ga4) {
        return ga4.recorded("purchase").stream().map(r -> r.params().path("transaction_id").asText())
                .collect(Collectors.toSet());
    }
}

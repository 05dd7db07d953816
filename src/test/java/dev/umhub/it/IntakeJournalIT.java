package dev.umhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.fakes.Ga4Fake;
import dev.umhub.pipeline.IntakeProcessor;
import dev.umhub.store.Retention;
import dev.umhub.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The 202 comes once the message is appended to the intake journal; deciding and planning come after. What the
 * journal holds is never dropped: not by a stop before processing, not by a rule that throws.
 */
class IntakeJournalIT {

    @TempDir
    Path work;

    @Test
    void aMessageAcknowledgedButNeverProcessedIsProcessedAfterARestart() throws Exception {
        try (Ga4Fake ga4 = new Ga4Fake("G-INTAKE", "intake-secret")) {
            Map<String, Object> props = StandaloneUmhub.defaults(work);
            StandaloneUmhub.withGa4(props, ga4, "G-INTAKE", "intake-secret");
            ObjectNode body = Payloads.paidPayment();
            String ref = body.path("payment_reference_code").asText();
            String id;
            try (StandaloneUmhub first = StandaloneUmhub.start(props)) {
                // as if the process died right after answering: nothing processes the journal any more
                first.context().getBean(IntakeProcessor.class).stop();
                Http.Answer ack = first.http.webhook("payment_received", Payloads.bytes(body));
                assertThat(ack.status()).isEqualTo(202);
                assertThat(ack.json().path("duplicate").asBoolean()).isFalse();
                id = ack.json().path("id").asText();
                assertThat(first.http.get("/api/intake").path("messages").path("pending").asInt()).isEqualTo(1);
                JsonNode waiting = first.http.get("/api/events/" + id);
                assertThat(waiting.path("state").asText()).isEqualTo("pending");
                assertThat(waiting.path("type").asText()).isEqualTo("payment.received");
                // the same content again is a duplicate even before it is processed
                assertThat(first.http.webhook("payment_received", Payloads.bytes(body)).json().path("duplicate")
                        .asBoolean()).isTrue();
                Thread.sleep(500);
                assertThat(ga4.recorded("purchase")).isEmpty();
            }
            try (StandaloneUmhub second = StandaloneUmhub.start(props)) {
                await().atMost(Duration.ofSeconds(15)).until(() -> ga4.recorded("purchase").stream()
                        .anyMatch(r -> r.params().path("transaction_id").asText().equals(ref)));
                assertThat(second.http.event(id).path("rulesFired").toString())
                        .contains("Completed payments above zero are GA4 purchases");
                assertThat(second.http.get("/api/intake").path("messages").path("pending").asInt()).isZero();
                assertThat(ga4.recorded("purchase")).hasSize(1);
            }
        }
    }

    @Test
    void aRuleThatThrowsKeepsItsEventWithTheDecisionFailedTheOthersGoOnAndARedecideDeliversIt() throws Exception {
        try (Ga4Fake ga4 = new Ga4Fake("G-THROW", "throw-secret")) {
            Map<String, Object> props = StandaloneUmhub.defaults(work);
            StandaloneUmhub.withGa4(props, ga4, "G-THROW", "throw-secret");
            Path rule = work.resolve("rules/throws.drl");
            Files.writeString(rule, """
                    package dev.umhub.rules;
                    import dev.umhub.event.PlatformEvent;
                    import dev.umhub.event.Customer;
                    rule "Parses what is not a number"
                    when
                        PlatformEvent( type == "payment.received" )
                        Customer( email == "boom@example.com" )
                    then
                        Integer.parseInt("x");
                    end
                    """);
            try (StandaloneUmhub umhub = StandaloneUmhub.start(props)) {
                ObjectNode boom = Payloads.paidPayment().put("customer_user_email", "boom@example.com");
                ObjectNode fine = Payloads.paidPayment();
                String boomId = umhub.http.webhook("payment_received", Payloads.bytes(boom)).json().path("id").asText();
                Http.Answer ok = umhub.http.webhook("payment_received", Payloads.bytes(fine));
                assertThat(ok.status()).isEqualTo(202);

                await().atMost(Duration.ofSeconds(15)).until(() -> ga4.recorded("purchase").stream().anyMatch(r -> r
                        .params().path("transaction_id").asText().equals(fine.path("payment_reference_code").asText())));
                // the message is processed (nothing for the intake to reprocess); its event keeps the failure
                JsonNode failed = umhub.http.event(boomId);
                assertThat(failed.path("decision").asText()).isEqualTo("failed");
                assertThat(failed.path("decisionError").asText()).contains("Parses what is not a number",
                        "NumberFormatException");
                assertThat(umhub.http.get("/api/intake").path("messages").has("failed")).isFalse();
                assertThat(umhub.http.admin("POST", "/api/intake/no-such-id/reprocess", null).status()).isEqualTo(404);

                // the rule is fixed (here: removed), the event decided again and delivered
                Files.delete(rule);
                await().atMost(Duration.ofSeconds(15)).until(() -> !umhub.http.get("/api/rules").toString()
                        .contains("Parses what is not a number"));
                Http.Answer again = umhub.http.admin("POST", "/api/events/" + boomId + "/redecide", null);
                assertThat(again.status()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(15)).until(() -> ga4.recorded("purchase").stream().anyMatch(r -> r
                        .params().path("transaction_id").asText().equals(boom.path("payment_reference_code").asText())));
                assertThat(umhub.http.event(boomId).path("rulesFired").toString()).contains("GA4 purchases");
                assertThat(umhub.http.get("/api/intake").path("messages").has("failed")).isFalse();
            }
        }
    }

    @Test
    void aBodyIsStoredOnceForTheEventsMadeFromItAndKeptWhileOneOfThemIs() throws Exception {
        try (StandaloneUmhub umhub = StandaloneUmhub.start(StandaloneUmhub.defaults(work))) {
            byte[] body = Payloads.bytes(Payloads.paidPayment());
            JsonNode sent = dev.umhub.Fixtures.JSON.readTree(body);
            String id = umhub.http.webhook("payment_received", body).json().path("id").asText();
            umhub.http.event(id);
            JdbcTemplate jdbc = umhub.context().getBean(Store.class).template();
            List<Map<String, Object>> made = jdbc.queryForList("SELECT e.id, e.payload, i.event_id FROM umhub_event e"
                    + " JOIN umhub_intake i ON i.seq = e.intake_seq WHERE i.id = ?", id);
            assertThat(made).as("a first paid payment is a payment, a checkout and a new customer")
                    .hasSizeGreaterThan(1);
            for (Map<String, Object> event : made) {
                assertThat(event.get("payload")).as("no copy of the body in the event's row").isNull();
                assertThat(umhub.http.get("/api/events/" + event.get("id")).path("payload")).as("the body it shows")
                        .isEqualTo(sent);
            }

            // the event the message became goes; another one made from it is kept, and with it the body
            String became = (String) made.get(0).get("event_id");
            assertThat(made).extracting(e -> e.get("id")).as("the event the message became names it too")
                    .contains(became);
            String other = made.stream().map(e -> (String) e.get("id")).filter(e -> !e.equals(became)).findFirst()
                    .orElseThrow();
            delete(jdbc, became);
            Retention retention = umhub.context().getBean(Retention.class);
            Instant later = Instant.now().plusSeconds(60);
            assertThat(retention.purgeProcessedIntake(later)).isZero();
            assertThat(umhub.http.get("/api/events/" + other).path("payload")).isEqualTo(sent);

            made.forEach(e -> delete(jdbc, (String) e.get("id")));
            assertThat(retention.purgeProcessedIntake(later)).as("no event names the message any more").isOne();
        }
    }

    private static void delete(JdbcTemplate jdbc, String eventId) {
        jdbc.update("DELETE FROM umhub_delivery_attempt WHERE delivery_id IN (SELECT id FROM umhub_delivery"
                + " WHERE event_id = ?)", eventId);
        jdbc.update("DELETE FROM umhub_delivery WHERE event_id = ?", eventId);
        jdbc.update("DELETE FROM umhub_event WHERE id = ?", eventId);
    }
}

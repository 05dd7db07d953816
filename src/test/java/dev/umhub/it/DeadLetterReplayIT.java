package dev.umhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dead letters keep their whole story and come back in bulk, as decided then or re-evaluated with today's rules. */
class DeadLetterReplayIT extends UmhubIT {

    private List<String> deadHubSpotLetters(int n) {
        HUBSPOT.failAlways(400);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(http.webhook("payment_received", Payloads.bytes(Payloads.paidPayment())).json().path("id").asText());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().allMatch(e -> "DEAD".equals(hubspot(e).path("status").asText())));
        HUBSPOT.reset();
        return events.stream().map(e -> hubspot(e).path("id").asText()).toList();
    }

    private JsonNode hubspot(String eventId) {
        return http.delivery(eventId, "hubspot");
    }

    @Test
    void aDeadLetterShowsItsEventDecisionAndEveryAttempt() {
        String id = deadHubSpotLetters(1).get(0);
        JsonNode dl = http.get("/api/dead-letters/" + id);
        assertThat(dl.path("event").path("rulesVersion").asText()).isNotBlank();
        assertThat(dl.path("event").path("rulesFired").toString()).contains("Paying customers are kept in the CRM");
        assertThat(dl.path("event").path("normalised").path("data").path("payment").path("total").asInt()).isEqualTo(29);
        JsonNode attempt = dl.path("deadLetter").path("attemptHistory").get(0);
        assertThat(attempt.path("httpStatus").asInt()).isEqualTo(400);
        assertThat(attempt.path("errorClass").asText()).isEqualTo("http_400");
        assertThat(attempt.path("responseExcerpt").asText()).contains("VALIDATION_ERROR");
        assertThat(attempt.path("startedAt").asText()).isNotBlank();
    }

    @Test
    void aBulkReplayByFilterSendsThemAllBackAndReportsProgress() {
        List<String> ids = deadHubSpotLetters(3);
        Http.Answer started = http.admin("POST", "/api/dead-letters/replay",
                "{\"destination\":\"hubspot\",\"errorClass\":\"http_400\",\"eventType\":\"payment.received\","
                        + "\"from\":\"2000-01-01T00:00:00Z\",\"mode\":\"as-decided\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String job = started.json().path("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> "done".equals(http.get("/api/replays/" + job).path("state").asText()));
        JsonNode progress = http.get("/api/replays/" + job);
        assertThat(progress.path("matched").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(progress.path("replayed").asInt()).isEqualTo(progress.path("matched").asInt());
        await().atMost(Duration.ofSeconds(10)).until(() -> ids.stream()
                .allMatch(id -> "DELIVERED".equals(http.get("/api/dead-letters/" + id).path("deadLetter").path("status").asText())));
        assertThat(http.admin("POST", "/api/dead-letters/replay", "{\"mode\":\"sideways\"}").status()).isEqualTo(400);
        assertThat(http.admin("POST", "/api/dead-letters/replay", "{\"from\":\"yesterday\"}").status()).isEqualTo(400);
    }

    @Test
    void reEvaluatedReplaysFollowTheRulesOfToday() throws IOException {
        List<String> ids = deadHubSpotLetters(2);
        Path drl = WORK.resolve("rules/integrations.drl");
        String original = Files.readString(drl);
        try {
            http.admin("POST", "/api/dead-letters/" + ids.get(0) + "/replay?mode=re-evaluated", null);
            await().atMost(Duration.ofSeconds(10)).until(() -> "DELIVERED".equals(
                    http.get("/api/dead-letters/" + ids.get(0)).path("deadLetter").path("status").asText()));

            // today the CRM rule is gone: the other dead letter is not sent, it is set aside with the reason
            Files.writeString(drl, original.replace("insert(new Dispatch(\"hubspot\", \"upsert_contact\"));", ""));
            await().atMost(Duration.ofSeconds(5)).until(() -> !http.get("/api/rules").path("version").asText()
                    .equals(http.get("/api/dead-letters/" + ids.get(1)).path("event").path("rulesVersion").asText()));
            Http.Answer r = http.admin("POST", "/api/dead-letters/" + ids.get(1) + "/replay?mode=re-evaluated", null);
            assertThat(r.json().path("outcome").asText()).isEqualTo("SKIPPED");
            JsonNode skipped = http.get("/api/dead-letters/" + ids.get(1)).path("deadLetter");
            assertThat(skipped.path("status").asText()).isEqualTo("SKIPPED");
            assertThat(skipped.path("note").asText()).contains("no rule sends this event to hubspot");
        } finally {
            String broken = http.get("/api/rules").path("version").asText();
            Files.writeString(drl, original);
            // the next test must not start while the CRM rule is still missing
            await().atMost(Duration.ofSeconds(5)).until(() -> !http.get("/api/rules").path("version").asText().equals(broken));
        }
    }
}

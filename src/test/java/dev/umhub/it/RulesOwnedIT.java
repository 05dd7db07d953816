package dev.umhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rules people own, on a running umhub: a rule that throws loses nothing and its events are decided again once it is
 * fixed; vetoes take destinations out and every decision explains itself; candidate rules are tried on recorded events
 * without going live.
 */
class RulesOwnedIT extends UmhubIT {

    private static final Path OWN = WORK.resolve("rules/own.drl");

    @AfterEach
    void removeOwnRules() throws IOException {
        if (Files.deleteIfExists(OWN)) {
            awaitRulesWithout("own.drl");
        }
    }

    @Test
    void aRuleThatThrowsKeepsItsEventsUntilTheyAreDecidedAgain() throws IOException {
        writeOwn("""
                rule "Throws for boom customers"
                when
                    Customer( email != null, email.startsWith("boom") )
                then
                    Integer.parseInt("x");
                end
                """);
        List<String> refs = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ObjectNode p = Payloads.paidPayment();
            p.put("customer_user_email", "boom" + p.path("customer_id").asText() + "@example.com");
            Http.Answer a = http.webhook("payment_received", Payloads.bytes(p));
            assertThat(a.status()).isEqualTo(202);
            refs.add(p.path("payment_reference_code").asText());
            ids.add(a.json().path("id").asText());
        }
        JsonNode first = http.event(ids.get(0));
        assertThat(first.path("decision").asText()).isEqualTo("failed");
        assertThat(first.path("decisionError").asText()).contains("Throws for boom customers", "NumberFormatException");
        assertThat(first.path("deliveries")).isEmpty();
        assertThat(first.path("explanation").path("failure").path("rule").asText()).isEqualTo("Throws for boom customers");
        for (String id : ids) {
            http.event(id);
        }
        assertThat(http.get("/api/events?decision=failed&limit=100").findValuesAsText("id"))
                .containsAll(ids.stream().map(id -> http.event(id).path("id").asText()).toList());

        // still broken: deciding again fails again, and plans nothing
        Http.Answer again = http.admin("POST", "/api/events/" + ids.get(0) + "/redecide", null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("decision").path("explanation").path("failure").path("rule").asText()).isEqualTo("Throws for boom customers");
        assertThat(again.json().path("planned")).isEmpty();

        Files.delete(OWN);
        awaitRulesWithout("own.drl");
        Http.Answer one = http.admin("POST", "/api/events/" + ids.get(0) + "/redecide", null);
        assertThat(texts(one.json().path("planned"))).containsExactlyInAnyOrder("hubspot", "ga4");
        Http.Answer bulk = http.admin("POST", "/api/events/redecide", "{\"decisionFailed\": true}");
        assertThat(bulk.status()).isEqualTo(200);
        // each webhook made more events than its payment (the new customer, the checkout): all of them failed
        assertThat(bulk.json().path("redecided").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(bulk.json().path("failed").asInt()).isZero();
        assertThat(bulk.json().path("planned").path("ga4").asInt()).isEqualTo(2);
        assertThat(http.get("/api/events?decision=failed&limit=100")).isEmpty();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(GA4.recorded("purchase").stream()
                .map(r -> r.params().path("transaction_id").asText())).containsAll(refs));
        // at most once per destination: deciding again plans nothing new
        Http.Answer twice = http.admin("POST", "/api/events/" + ids.get(1) + "/redecide", null);
        assertThat(twice.json().path("planned")).isEmpty();
        assertThat(texts(twice.json().path("alreadyPlanned"))).containsExactlyInAnyOrder("hubspot", "ga4");
        assertThat(http.event(ids.get(1)).path("decision").asText()).isEqualTo("decided");
        assertThat(http.admin("POST", "/api/events/redecide", "{}").status()).isEqualTo(400);
        assertThat(http.admin("POST", "/api/events/no-such-event/redecide", null).status()).isEqualTo(404);
    }

    @Test
    void aVetoTakesTheDestinationOutAndTheEventExplainsIt() throws IOException {
        writeOwn("""
                rule "VIP test accounts stay out of the CRM"
                when
                    Customer( email != null, email.startsWith("vip") )
                then
                    insert(new Veto("hubspot", "VIP test account"));
                end
                """);
        ObjectNode p = Payloads.paidPayment();
        p.put("customer_user_email", "vip" + p.path("customer_id").asText() + "@example.com");
        String id = http.webhook("payment_received", Payloads.bytes(p)).json().path("id").asText();

        JsonNode detail = await().atMost(Duration.ofSeconds(15)).until(() -> http.event(id),
                d -> d.path("deliveries").size() == 1);
        assertThat(detail.path("deliveries").get(0).path("destination").asText()).isEqualTo("ga4");
        JsonNode veto = detail.path("explanation").path("vetoes").get(0);
        assertThat(veto.path("destination").asText()).isEqualTo("hubspot");
        assertThat(veto.path("rule").asText()).isEqualTo("VIP test accounts stay out of the CRM");
        assertThat(veto.path("reason").asText()).isEqualTo("VIP test account");
        JsonNode firings = detail.path("explanation").path("firings");
        assertThat(firings.findValuesAsText("rule")).contains("Paying customers are kept in the CRM",
                "VIP test accounts stay out of the CRM");
        assertThat(firings.toString()).contains("\"fact\":\"Customer\"", "\"fact\":\"Payment\"");

        Http.Answer evaluated = http.admin("POST", "/api/rules/evaluate",
                "{\"slug\": \"payment_received\", \"payload\": " + p + "}");
        assertThat(evaluated.json().path("vetoes").get(0).path("destination").asText()).isEqualTo("hubspot");
        assertThat(evaluated.json().path("explanation").findValuesAsText("rule"))
                .contains("VIP test accounts stay out of the CRM");
    }

    @Test
    void candidateRulesAreTriedOnRecordedEventsWithoutGoingLive() {
        Instant from = Instant.now().minusMillis(1);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(http.webhook("payment_received", Payloads.bytes(Payloads.paidPayment())).json().path("id").asText());
        }
        ids.forEach(http::event);
        String version = http.get("/api/rules").path("version").asText();
        long deliveries = ids.stream().mapToLong(id -> http.event(id).path("deliveries").size()).sum();
        String candidate = """
                {"files": {"own.drl": "package dev.umhub.rules;\\nimport dev.umhub.event.Customer;\\nrule \\"Nobody to the CRM\\"\\nwhen\\n  Customer()\\nthen\\n  insert(new Veto(\\"hubspot\\", \\"trying\\"));\\nend\\n"},
                 "events": {"from": "%s", "types": ["payment.received"]}}""".formatted(from);

        Http.Answer answer = http.admin("POST", "/api/rules/dry-run", candidate);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode diff = answer.json();
        assertThat(diff.path("selected").asInt()).isEqualTo(3);
        assertThat(diff.path("destinations").path("hubspot").path("dropped").asInt()).isEqualTo(3);
        assertThat(diff.path("destinations").path("hubspot").path("added").asInt()).isZero();
        assertThat(diff.path("destinations").has("ga4")).isFalse();
        assertThat(diff.path("changes")).hasSize(3);
        JsonNode change = diff.path("changes").get(0);
        assertThat(change.path("before").findValuesAsText("destination")).contains("hubspot", "ga4");
        assertThat(change.path("after").findValuesAsText("destination")).containsExactly("ga4");
        assertThat(change.path("explanation").path("after").path("vetoes").findValuesAsText("rule"))
                .containsExactly("Nobody to the CRM");

        // nothing went live, nothing was stored or planned
        assertThat(http.get("/api/rules").path("version").asText()).isEqualTo(version);
        assertThat(Files.exists(OWN)).isFalse();
        assertThat(ids.stream().mapToLong(id -> http.event(id).path("deliveries").size()).sum()).isEqualTo(deliveries);

        // paged, and in the background with its progress
        JsonNode page = http.admin("POST", "/api/rules/dry-run", candidate.replace("\"events\"",
                "\"page\": {\"offset\": 2, \"limit\": 5}, \"events\"")).json();
        assertThat(page.path("changes")).hasSize(1);
        assertThat(page.path("changed").asInt()).isEqualTo(3);
        Http.Answer started = http.admin("POST", "/api/rules/dry-run?async=true", candidate);
        assertThat(started.status()).isEqualTo(202);
        String job = started.json().path("id").asText();
        JsonNode done = await().atMost(Duration.ofSeconds(15)).until(() -> http.get("/api/rules/dry-run/" + job),
                j -> j.path("state").asText().equals("done"));
        assertThat(done.path("done").asInt()).isEqualTo(3);
        assertThat(done.path("result").path("destinations").path("hubspot").path("dropped").asInt()).isEqualTo(3);

        // an empty selection is an empty difference; candidates that do not compile are refused with file and line
        JsonNode none = http.admin("POST", "/api/rules/dry-run",
                "{\"files\": {}, \"events\": {\"types\": [\"no.such.type\"]}}").json();
        assertThat(none.path("selected").asInt()).isZero();
        assertThat(none.path("destinations").size()).isZero();
        Http.Answer broken = http.admin("POST", "/api/rules/dry-run",
                "{\"files\": {\"own.drl\": \"rule \\\"x\\\" when this is not drl then end\"}, \"events\": {\"last\": 5}}");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.contentType()).contains("application/problem+json");
        assertThat(broken.json().path("messages").get(0).path("file").asText()).isEqualTo("own.drl");
        assertThat(broken.json().path("messages").get(0).path("line").asInt()).isPositive();
        Http.Answer badCell = http.admin("POST", "/api/rules/dry-run", "{\"files\": {\"plans.csv\": "
                + Fixtures.JSON.valueToTree(table("total >= lots")) + "}, \"events\": {\"last\": 5}}");
        assertThat(badCell.status()).as(badCell.body()).isEqualTo(400);
        assertThat(badCell.json().path("messages").get(0).path("file").asText()).isEqualTo("plans.csv");
        assertThat(badCell.json().path("messages").get(0).path("text").asText()).contains("cell");
        Http.Answer badYaml = http.admin("POST", "/api/rules/dry-run",
                "{\"files\": {\"tests/own.yaml\": \"- name: x\\n  slug: [\"}, \"events\": {\"last\": 5}}");
        assertThat(badYaml.status()).as(badYaml.body()).isEqualTo(400);
        assertThat(badYaml.json().path("messages").get(0).path("file").asText()).isEqualTo("tests/own.yaml");
        assertThat(badYaml.json().path("messages").get(0).path("line").asInt()).isPositive();
        // a scenario the candidate breaks is said in the answer (saved in the folder, it would be refused)
        String scenario = "- name: paid goes to the CRM\\n  slug: payment_received\\n  payload: {payment_id: 1,"
                + " payment_status: completed, payment_total_raw: '9.00', customer_id: 1,"
                + " customer_user_email: a@b.example}\\n  to: [hubspot]\\n";
        JsonNode tested = http.admin("POST", "/api/rules/dry-run", candidate.replace("{\"files\": {",
                "{\"files\": {\"tests/own.yaml\": \"" + scenario + "\", ")).json();
        assertThat(tested.path("scenarios").path("passed").asInt()).as(tested.toString()).isZero();
        assertThat(tested.path("scenarios").path("failed").get(0).path("text").asText())
                .contains("paid goes to the CRM", "expected to go to [hubspot]");
        // a candidate sending to a destination that does not exist is warned of, as the folder's rules are
        JsonNode unknown = http.admin("POST", "/api/rules/dry-run", "{\"files\": {\"own.drl\": \"package"
                + " dev.umhub.rules;\\nrule \\\"typo\\\"\\nwhen\\n dev.umhub.event.PlatformEvent()\\nthen\\n"
                + " insert(new Dispatch(\\\"hubspotx\\\", \\\"upsert_contact\\\"));\\nend\\n\"},"
                + " \"events\": {\"last\": 5}}").json();
        assertThat(unknown.path("warnings").findValuesAsText("text")).as(unknown.toString())
                .anyMatch(t -> t.contains("'hubspotx', which is no destination"));
        assertThat(unknown.path("warnings").get(0).path("file").asText()).isEqualTo("own.drl");
        assertThat(http.admin("POST", "/api/rules/dry-run", candidate.replace("\"events\"", "\"evnts\""))
                .status()).isEqualTo(400); // an unknown field is refused, not ignored
        assertThat(http.admin("POST", "/api/rules/dry-run", "{\"files\": {\"../escape.drl\": \"\"}, \"events\": {}}")
                .status()).isEqualTo(400);
        assertThat(http.admin("POST", "/api/rules/dry-run", "{\"files\": {}, \"events\": {\"last\": \"ten\"}}")
                .status()).isEqualTo(400);
    }

    /** A decision table with one condition cell as given (Drools' CSV format, as rules/plans.csv). */
    private static String table(String condition) {
        return String.join("\n",
                "\"RuleSet\",\"dev.umhub.rules\"",
                "\"Import\",\"dev.umhub.event.PlatformEvent, dev.umhub.event.Payment\"",
                "",
                "\"RuleTable Big\"",
                "\"NAME\",\"CONDITION\",\"ACTION\"",
                ",\"Payment\",",
                ",\"" + condition + "\",\"insert(new Dispatch(\"\"$1\"\", \"\"$2\"\"));\"",
                "\"Rule\",\"Total\",\"Destination, action\"",
                "\"Big payments\",\"x\",\"ga4, big\"", "");
    }

    private void writeOwn(String rules) throws IOException {
        String before = http.get("/api/rules").path("version").asText();
        Files.writeString(OWN, """
                package dev.umhub.rules;
                import dev.umhub.event.Customer;
                """ + rules);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode status = http.get("/api/rules");
            assertThat(status.path("lastAttempt").path("accepted").asBoolean()).as(status.toString()).isTrue();
            assertThat(status.path("version").asText()).isNotEqualTo(before);
        });
    }

    private void awaitRulesWithout(String file) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !http.get("/api/rules").path("files").toString()
                .contains(file));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}

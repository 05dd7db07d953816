package dev.umhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Rules edited while umhub runs, and the file inbox as a second source. */
class RulesAndInboxIT extends UmhubIT {

    @Test
    void aBrokenRuleEditKeepsTheOldRulesAndAFixIsLiveWithinSeconds() throws IOException {
        Path drl = WORK.resolve("rules/integrations.drl");
        String original = Files.readString(drl);
        String version = http.get("/api/rules").path("version").asText();
        try {
            Files.writeString(drl, "\nrule \"broken on purpose\" when this is not drl then end\n", StandardOpenOption.APPEND);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                JsonNode rules = http.get("/api/rules");
                assertThat(rules.path("lastAttempt").path("accepted").asBoolean()).isFalse();
                assertThat(rules.path("lastAttempt").path("messages").toString()).contains("broken on purpose");
            });
            assertThat(http.get("/api/rules").path("version").asText()).isEqualTo(version);

            ObjectNode failed = Fixtures.object("payment_updated-failed.json");
            failed.put("payment_id", 77_001).put("payment_reference_code", "PMTFAIL77001");
            assertThat(http.webhook("payment_updated", Payloads.bytes(failed)).status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> GA4.recorded("payment_failed").stream()
                    .anyMatch(r -> r.params().path("payment_reference").asText().equals("PMTFAIL77001")));
        } finally {
            Files.writeString(drl, original);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> http.get("/api/rules").path("lastAttempt").path("accepted").asBoolean());
        assertThat(http.get("/api/rules").path("version").asText()).isNotEqualTo(version);
    }

    @Test
    void filesDroppedInTheInboxAreIngestedAndBadOnesSetAside() throws IOException {
        Path inbox = WORK.resolve("inbox");
        Files.createDirectories(inbox);
        ObjectNode body = Payloads.paidPayment();
        String ref = body.path("payment_reference_code").asText();
        Files.write(inbox.resolve("payment_received-" + ref + ".json"), Payloads.bytes(body));
        Files.writeString(inbox.resolve("payment_received-broken.json"), "{not json");
        Files.writeString(inbox.resolve("no_such_slug-1.json"), "{}");

        await().atMost(Duration.ofSeconds(15)).until(() -> GA4.recorded("purchase").stream()
                .anyMatch(r -> r.params().path("transaction_id").asText().equals(ref)));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(list(inbox.resolve(".done"))).anyMatch(n -> n.startsWith("payment_received-" + ref + ".json"));
            assertThat(list(inbox.resolve(".failed"))).anyMatch(n -> n.startsWith("payment_received-broken.json"))
                    .anyMatch(n -> n.startsWith("no_such_slug-1.json"));
        });
    }

    @Test
    void linksAndOverlongNamesAreRefusedOnceAndRefusedFilesAreQuarantined() throws IOException {
        Path inbox = WORK.resolve("inbox");
        Files.createDirectories(inbox);
        Path outside = WORK.resolve("outside-secret.json");
        Files.writeString(outside, "{\"payment_id\": 1, \"secret\": \"must never be read\"}");
        Files.createSymbolicLink(inbox.resolve("payment_received-link.json"), outside);
        // 250 characters: with the suffixes Camel adds (a lock file, an archive time), over the 255 a file system takes
        String longName = "payment_received-" + "x".repeat(228) + ".json";
        Files.write(inbox.resolve(longName), Payloads.bytes(Payloads.paidPayment()));
        Files.writeString(inbox.resolve("payment_received-notjson.json"), "not json at all");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(list(inbox)).noneMatch(n -> n.endsWith(".json"));
            assertThat(list(inbox.resolve(".failed"))).filteredOn(n -> n.startsWith("refused-") && n.endsWith(".reason"))
                    .hasSize(2);
        });
        // the link was moved aside, never followed: its target is where it was, and nothing of it was read
        assertThat(Files.readString(outside)).contains("must never be read");
        String quarantine = http.get("/api/quarantine?limit=20").toString();
        assertThat(quarantine).doesNotContain("must never be read").contains("symbolic link")
                .contains("characters").contains("payment_received-notjson.json");
    }

    private static java.util.List<String> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return java.util.List.of();
        }
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }
}

package dev.umhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.umhub.rules.RuleFiles;
import dev.umhub.store.RulesVersionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules history: every version that ran is kept, listed newest first, and activating one writes its files back to
 * the rules folder (the truth) and runs them; a version refused now changes nothing. A umhub of its own, since it
 * rewrites its rules folder.
 */
class RulesVersionsIT {

    private static final String EXTRA = """
            package dev.umhub.rules;
            import dev.umhub.event.PlatformEvent;
            rule "Only in version B"
            when
                PlatformEvent( type == "membership.cancelled" )
            then
                insert(new Dispatch("hubspot", "upsert_contact"));
            end
            """;

    @TempDir
    Path work;

    @Test
    void versionsAreKeptListedAndActivatedByWritingTheFolderBack() throws Exception {
        Map<String, Object> props = StandaloneUmhub.defaults(work);
        props.put("umhub.rules.poll-interval", "100ms");
        Path rules = work.resolve("rules");
        byte[] drlA = Files.readAllBytes(rules.resolve("integrations.drl"));
        try (StandaloneUmhub umhub = StandaloneUmhub.start(props)) {
            Http http = umhub.http;
            String versionA = await().atMost(Duration.ofSeconds(20))
                    .until(() -> http.get("/api/rules").path("version").asText(), v -> !v.equals("none"));
            // the first load is kept, though it may have run before the history listened
            await().atMost(Duration.ofSeconds(15)).until(() -> http.get("/api/rules/versions").size() == 1);
            JsonNode a = http.get("/api/rules/versions").get(0);
            assertThat(a.path("running").asBoolean()).isTrue();
            assertThat(a.path("version").asText()).isEqualTo(versionA);
            assertThat(a.path("files").get(0).path("name").asText()).isEqualTo("integrations.drl");
            assertThat(a.has("fingerprint")).isTrue();

            // version B: one more DRL file, and a file that is no rule file
            Files.writeString(rules.resolve("extra.drl"), EXTRA);
            Files.writeString(rules.resolve("notes.txt"), "an operator's notes");
            await().atMost(Duration.ofSeconds(10)).until(() -> ruleNames(http).contains("Only in version B"));
            String versionB = http.get("/api/rules").path("version").asText();

            // kept a moment after it runs: a reload never waits for the store
            JsonNode list = await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/rules/versions"),
                    l -> l.size() == 2);
            assertThat(list.get(0).path("version").asText()).isEqualTo(versionB);
            assertThat(list.get(0).path("running").asBoolean()).isTrue();
            assertThat(list.get(1).path("id").asLong()).isEqualTo(a.path("id").asLong())
                    .isLessThan(list.get(0).path("id").asLong());
            assertThat(list.get(1).path("running").asBoolean()).isFalse();
            assertThat(list.get(0).path("files").toString()).contains("extra.drl").doesNotContain("notes.txt");
            assertThat(list.toString()).doesNotContain("package dev.umhub.rules"); // no bytes in the list

            // roll back to A by its id
            Http.Answer activated = http.admin("POST", "/api/rules/versions/" + a.path("id").asLong() + "/activate", null);
            assertThat(activated.status()).as(activated.body()).isEqualTo(200);
            assertThat(activated.json().path("activated").asLong()).isEqualTo(a.path("id").asLong());
            assertThat(activated.json().path("rules").toString()).doesNotContain("Only in version B");
            assertThat(activated.json().path("version").asText()).endsWith(versionA.substring(versionA.indexOf('-')));
            assertThat(rules.resolve("extra.drl")).doesNotExist();
            assertThat(Files.readAllBytes(rules.resolve("integrations.drl"))).isEqualTo(drlA);
            assertThat(Files.readString(rules.resolve("notes.txt"))).isEqualTo("an operator's notes");
            assertThat(ruleNames(http)).doesNotContain("Only in version B").contains("Failed payments go to GA4");
            JsonNode afterRollback = http.get("/api/rules/versions");
            assertThat(afterRollback).hasSize(2); // A ran again: its row, not a new one
            assertThat(afterRollback.get(1).path("running").asBoolean()).isTrue();
            assertThat(afterRollback.get(0).path("running").asBoolean()).isFalse();

            // forward again to B, named by the version name GET /api/rules showed
            Http.Answer forward = http.admin("POST", "/api/rules/versions/" + versionB + "/activate", null);
            assertThat(forward.status()).as(forward.body()).isEqualTo(200);
            assertThat(ruleNames(http)).contains("Only in version B");
            assertThat(Files.readString(rules.resolve("extra.drl"))).isEqualTo(EXTRA);

            Http.Answer unknown = http.admin("POST", "/api/rules/versions/424242/activate", null);
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.contentType()).startsWith("application/problem+json");
            assertThat(unknown.json().path("detail").asText()).contains("424242");
            Http.Answer malformed = http.admin("POST", "/api/rules/versions/latest/activate", null);
            assertThat(malformed.status()).isEqualTo(400);
            assertThat(malformed.contentType()).startsWith("application/problem+json");

            // a kept version whose files do not compile now: refused, and the folder keeps what it had
            RuleFiles before = RuleFiles.read(rules);
            String running = http.get("/api/rules").path("version").asText();
            RuleFiles broken = RuleFiles.ofTexts(Map.of("integrations.drl", "rule \"broken\" when this is not drl then end"));
            String fingerprint = broken.fingerprint();
            umhub.context().getBean(RulesVersionStore.class).remember(new RulesVersionStore.Loaded(
                    "9-" + fingerprint.substring(0, 8), fingerprint, broken.all(), 1, Instant.now()));
            long brokenId = http.get("/api/rules/versions").get(0).path("id").asLong();
            Http.Answer refused = http.admin("POST", "/api/rules/versions/" + brokenId + "/activate", null);
            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().path("messages")).isNotEmpty();
            assertThat(RuleFiles.read(rules).fingerprint()).isEqualTo(before.fingerprint());
            JsonNode after = http.get("/api/rules");
            assertThat(after.path("version").asText()).endsWith(running.substring(running.indexOf('-')));
            assertThat(ruleNames(http)).contains("Only in version B");
        }

        // a restart on the same store: the history is still there, and the running version is not kept twice
        try (StandaloneUmhub again = StandaloneUmhub.start(props)) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !again.http.get("/api/rules").path("version").asText().equals("none"));
            JsonNode list = again.http.get("/api/rules/versions");
            assertThat(list).hasSize(3);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(again.http.get("/api/rules/versions"))
                    .filteredOn(v -> v.path("running").asBoolean()).hasSize(1)
                    .allSatisfy(v -> assertThat(v.path("files").toString()).contains("extra.drl")));
        }
    }

    private static List<String> ruleNames(Http http) {
        List<String> names = new ArrayList<>();
        http.get("/api/rules").path("rules").forEach(n -> names.add(n.asText()));
        return names;
    }
}

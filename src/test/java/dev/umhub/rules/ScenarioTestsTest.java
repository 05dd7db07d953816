package dev.umhub.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.Fixtures;
import dev.umhub.ultimatemultisite.UltimateMultisiteAdapter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scenario tests of a rules folder gate every change, and the shipped ones cover every shipped rule. */
class ScenarioTestsTest {

    /** Payloads read as the webhook door reads them. */
    static final ScenarioEvents WEBHOOKS = (source, slug, body) -> {
        try {
            return new UltimateMultisiteAdapter().normalise(slug, (ObjectNode) Fixtures.JSON.readTree(body),
                    Instant.now()).event();
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    };

    @TempDir
    Path dir;

    static RuleEngine engine(Path folder) {
        RulesProperties p = new RulesProperties();
        p.setDirectory(folder.toString());
        return new RuleEngine(p, Clock.systemUTC(), () -> Set.of("hubspot", "ga4"), WEBHOOKS);
    }

    @Test
    void theShippedScenariosPassAndEveryShippedRuleIsTestedByOne() {
        RuleFiles shipped = RuleFiles.read(Path.of("rules"));
        RuleEngine.Compiled compiled = engine(Path.of("rules")).compileAside(shipped, "shipped");
        assertThat(compiled.rules()).as(compiled.messages().toString()).isNotNull();
        assertThat(compiled.scenarioFailures()).isEmpty();
        Scenarios.Parsed parsed = Scenarios.parse(shipped);
        assertThat(compiled.scenariosPassed()).isEqualTo(parsed.scenarios().size()).isGreaterThan(5);

        Set<String> fired = new HashSet<>();
        for (Scenarios.Scenario s : parsed.scenarios()) {
            fired.addAll(compiled.rules().decide(Scenarios.event(s, WEBHOOKS)).rulesFired());
        }
        assertThat(fired).as("shipped rules without a scenario that fires them")
                .containsAll(compiled.rules().ruleNames());
    }

    @Test
    void aChangeThatBreaksAScenarioIsRefusedAndThePreviousRulesKeepRunning() throws IOException {
        Files.createDirectories(dir.resolve("tests/fixtures"));
        Files.copy(Path.of("rules/tests/fixtures/payment_received.json"), dir.resolve("tests/fixtures/paid.json"));
        Files.writeString(dir.resolve("tests/paid.yaml"), """
                - name: paid goes to ga4
                  slug: payment_received
                  fixture: paid.json
                  expect: {ga4: purchase}
                """);
        Files.writeString(dir.resolve("own.drl"), drl("insert(new Dispatch(\"ga4\", \"purchase\"));"));
        RuleEngine engine = engine(dir);
        assertThat(engine.status().lastAttempt().accepted()).as(engine.status().lastAttempt().toString()).isTrue();
        assertThat(engine.status().lastAttempt().scenariosPassed()).isEqualTo(1);
        String running = engine.status().version();

        Files.writeString(dir.resolve("own.drl"), drl("insert(new Dispatch(\"ga4\", \"sale\"));"));
        assertThat(engine.reloadIfChanged()).isFalse();

        RulesStatus.LoadAttempt refused = engine.status().lastAttempt();
        assertThat(refused.accepted()).isFalse();
        assertThat(refused.messages()).singleElement().satisfies(m -> {
            assertThat(m.file()).isEqualTo("tests/paid.yaml");
            assertThat(m.line()).isEqualTo(1);
            assertThat(m.text()).contains("paid goes to ga4", "expected ga4:purchase, got ga4:sale");
        });
        assertThat(engine.status().version()).isEqualTo(running);
    }

    @Test
    void includesAndExcludesCheckActionsAndARuleThatThrowsIsAWarningNotARefusal() throws IOException {
        Files.createDirectories(dir.resolve("tests/fixtures"));
        Files.copy(Path.of("rules/tests/fixtures/payment_received.json"), dir.resolve("tests/fixtures/paid.json"));
        Files.writeString(dir.resolve("tests/paid.yaml"), """
                - name: paid is a purchase, not a sale
                  slug: payment_received
                  fixture: paid.json
                  includes: {ga4: [purchase]}
                  excludes: {ga4: [sale]}
                """);
        Files.writeString(dir.resolve("own.drl"), drl("insert(new Dispatch(\"ga4\", \"purchase\"));"));
        RuleEngine engine = engine(dir);
        assertThat(engine.status().lastAttempt().accepted()).isTrue();

        Files.writeString(dir.resolve("own.drl"), drl("insert(new Dispatch(\"ga4\", \"purchase\"));"
                + " insert(new Dispatch(\"ga4\", \"sale\"));"));
        engine.reloadIfChanged();
        assertThat(engine.status().lastAttempt().messages()).singleElement()
                .satisfies(m -> assertThat(m.text()).contains("expected ga4 not to include [sale]").isNotNull());

        Files.writeString(dir.resolve("own.drl"), drl("Integer.parseInt(\"x\");"));
        assertThat(engine.reloadIfChanged()).isTrue(); // live: its events will be kept with the decision failed
        assertThat(engine.status().lastAttempt().messages()).singleElement().satisfies(m -> {
            assertThat(m.level()).isEqualTo("WARNING");
            assertThat(m.text()).contains("paid is a purchase, not a sale", "Payments go to GA4",
                    "NumberFormatException");
        });
    }

    @Test
    void aScenarioFileThatIsNotYamlIsRefusedWithItsLine() throws IOException {
        Files.writeString(dir.resolve("own.drl"), drl("insert(new Dispatch(\"ga4\", \"purchase\"));"));
        Files.createDirectories(dir.resolve("tests"));
        Files.writeString(dir.resolve("tests/bad.yaml"), "- name: x\n  slug: payment_received\n  payload: {a: [1, 2}\n");
        RulesStatus.LoadAttempt attempt = engine(dir).status().lastAttempt();
        assertThat(attempt.accepted()).isFalse();
        assertThat(attempt.messages()).singleElement().satisfies(m -> {
            assertThat(m.file()).isEqualTo("tests/bad.yaml");
            assertThat(m.line()).isEqualTo(3);
            assertThat(m.text()).startsWith("not valid YAML");
        });
    }

    @Test
    void scenariosThatCannotBeUsedAsWrittenSayWhy() throws IOException {
        Files.writeString(dir.resolve("own.drl"), drl("insert(new Dispatch(\"ga4\", \"purchase\"));"));
        Files.createDirectories(dir.resolve("tests"));
        Files.writeString(dir.resolve("tests/a.yaml"), """
                - name: no expectation
                  slug: payment_received
                  payload: {payment_id: 1}
                - name: missing fixture
                  slug: payment_received
                  fixture: nowhere.json
                  to: [ga4]
                - name: typo
                  slug: payment_received
                  payload: {payment_id: 1}
                  exepct: {ga4: purchase}
                """);
        List<RuleMessage> messages = engine(dir).status().lastAttempt().messages();
        // the first problem of a file is reported (the file is refused as a whole)
        assertThat(messages).singleElement().satisfies(m -> {
            assertThat(m.line()).isEqualTo(1);
            assertThat(m.text()).contains("expects nothing");
        });
        Files.writeString(dir.resolve("tests/a.yaml"), "- name: typo\n  slug: payment_received\n  payload: {}\n"
                + "  exepct: {ga4: purchase}\n");
        assertThat(engine(dir).status().lastAttempt().messages()).singleElement()
                .satisfies(m -> assertThat(m.text()).contains("unknown field \"exepct\"").isNotNull());
        Files.writeString(dir.resolve("tests/a.yaml"), "- name: f\n  slug: payment_received\n  fixture: nowhere.json\n"
                + "  to: [ga4]\n");
        assertThat(engine(dir).status().lastAttempt().messages()).singleElement()
                .satisfies(m -> assertThat(m.text()).contains("no fixture tests/fixtures/nowhere.json").isNotNull());
    }

    @Test
    void aPayloadTheSourceRefusesFailsItsScenario() throws IOException {
        Files.writeString(dir.resolve("own.drl"), drl("insert(new Dispatch(\"ga4\", \"purchase\"));"));
        Files.createDirectories(dir.resolve("tests"));
        Files.writeString(dir.resolve("tests/a.yaml"), """
                - name: not a webhook
                  slug: no_such_slug
                  payload: {payment_id: 1}
                  to: [ga4]
                """);
        RulesStatus.LoadAttempt attempt = engine(dir).status().lastAttempt();
        assertThat(attempt.accepted()).isFalse();
        assertThat(attempt.messages()).singleElement()
                .satisfies(m -> assertThat(m.text()).contains("not a webhook", "could not be read").isNotNull());
    }

    private static String drl(String then) {
        return """
                package dev.umhub.rules;
                import dev.umhub.event.PlatformEvent;
                rule "Payments go to GA4"
                when
                    PlatformEvent( type == "payment.received" )
                then
                    %s
                end
                """.formatted(then);
    }
}

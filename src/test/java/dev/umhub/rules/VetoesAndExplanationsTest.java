package dev.umhub.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.umhub.Fixtures;
import dev.umhub.event.PlatformEvent;
import dev.umhub.ultimatemultisite.UltimateMultisiteAdapter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Own rules next to the shipped ones: vetoes take destinations out, every decision explains itself, failures are kept. */
class VetoesAndExplanationsTest {

    @TempDir
    Path dir;

    private final PlatformEvent paid = new UltimateMultisiteAdapter().normalise("payment_received",
            Fixtures.object("payment_received.json"), Instant.now()).event();

    /** Deletes each HubSpot dispatch and inserts it again: the same object, standing, inserted last by this rule. */
    private static final String RECHECKS_CRM_DISPATCHES = """
            rule "CRM contacts are re-checked"
                salience -10
                no-loop true
            when
                $d : Dispatch( destination == "hubspot" )
            then
                delete($d);
                insert($d);
            end
            """;

    @BeforeEach
    void shippedRules() throws IOException {
        Files.copy(Path.of("rules/integrations.drl"), dir.resolve("integrations.drl"));
    }

    @Test
    void aVetoTakesTheDestinationOutAndTheExplanationNamesIt() throws IOException {
        Files.writeString(dir.resolve("vetoes.drl"), """
                package dev.umhub.rules;
                import dev.umhub.event.Customer;
                rule "Example customers stay out of the CRM"
                when
                    Customer( email != null, email.endsWith("@example.com") )
                then
                    insert(new Veto("hubspot", "example.com is our own test domain"));
                end
                """);
        Decision d = IntegrationRulesTest.engine(dir).decide(paid);

        assertThat(d.dispatches()).extracting(Decision.ChosenDispatch::destination).containsExactly("ga4");
        assertThat(d.vetoes()).singleElement().isEqualTo(new Decision.Vetoed("hubspot", null,
                "example.com is our own test domain", "Example customers stay out of the CRM"));
        assertThat(d.rulesFired()).contains("Paying customers are kept in the CRM",
                "Example customers stay out of the CRM");
    }

    @Test
    void aVetoCountsWhenItsRuleFiresBeforeTheRulesThatChoseTheDestination() throws IOException {
        Files.writeString(dir.resolve("vetoes.drl"), """
                package dev.umhub.rules;
                import dev.umhub.event.PlatformEvent;
                rule "Nothing goes to GA4 today"
                    salience 100
                when
                    PlatformEvent()
                then
                    insert(new Veto("ga4", "GA4 property being migrated"));
                end
                """);
        Decision d = IntegrationRulesTest.engine(dir).decide(paid);

        assertThat(d.explanation().get(0).rule()).isEqualTo("Nothing goes to GA4 today"); // it fired first
        assertThat(d.dispatches()).extracting(Decision.ChosenDispatch::destination).containsExactly("hubspot");
        assertThat(d.vetoes()).extracting(Decision.Vetoed::destination).containsExactly("ga4");
    }

    @Test
    void retractingADispatchTakesOutThatDispatch() throws IOException {
        Files.writeString(dir.resolve("own.drl"), """
                package dev.umhub.rules;
                import dev.umhub.event.Payment;
                rule "Small payments are no GA4 purchase"
                    salience -10
                when
                    $d : Dispatch( destination == "ga4", action == "purchase" )
                    Payment( total < 100 )
                then
                    delete($d);
                end
                """);
        Decision d = IntegrationRulesTest.engine(dir).decide(paid);

        assertThat(d.dispatches()).extracting(Decision.ChosenDispatch::destination).containsExactly("hubspot");
        assertThat(d.vetoes()).singleElement().isEqualTo(new Decision.Vetoed("ga4", "purchase", "dispatch retracted",
                "Small payments are no GA4 purchase"));
    }

    @Test
    void aDispatchDeletedAndInsertedAgainKeepsItsPlaceAndNamesTheLastRule() throws IOException {
        Files.writeString(dir.resolve("own.drl"), "package dev.umhub.rules;\n" + RECHECKS_CRM_DISPATCHES);
        Decision d = IntegrationRulesTest.engine(dir).decide(paid);

        assertThat(d.dispatches()).containsExactly(
                new Decision.ChosenDispatch("hubspot", "upsert_contact", "CRM contacts are re-checked"),
                new Decision.ChosenDispatch("ga4", "purchase", "Completed payments above zero are GA4 purchases"));
    }

    @Test
    void manyDispatchesAndVetoesAreRecordedAsFewAre() throws IOException {
        // past the recorder's short lists its lookups hash instead of scanning: a dispatch deleted and inserted again
        // still keeps its place and names the last rule, and a withdrawn veto takes nothing out
        Files.writeString(dir.resolve("own.drl"), """
                package dev.umhub.rules;
                import dev.umhub.event.PlatformEvent;
                rule "Forty times the CRM, forty vetoes of GA4"
                when
                    PlatformEvent()
                then
                    for (int i = 0; i < 40; i++) {
                        insert(new Dispatch("hubspot", "upsert_contact"));
                        insert(new Veto("ga4", "veto " + i));
                    }
                end
                """ + RECHECKS_CRM_DISPATCHES + """
                rule "GA4 vetoes are withdrawn"
                    salience -20
                when
                    $v : Veto( destination == "ga4" )
                then
                    delete($v);
                end
                """);
        Decision d = IntegrationRulesTest.engine(dir).decide(paid);

        assertThat(d.dispatches()).containsExactly(
                new Decision.ChosenDispatch("hubspot", "upsert_contact", "CRM contacts are re-checked"),
                new Decision.ChosenDispatch("ga4", "purchase", "Completed payments above zero are GA4 purchases"));
        assertThat(d.vetoes()).noneMatch(v -> v.action() == null);
    }

    @Test
    void eachFiringShowsTheFactsItMatchedWithTheirKeyFields() {
        Decision d = IntegrationRulesTest.engine(dir).decide(paid);

        Decision.Firing purchase = d.explanation().stream()
                .filter(f -> f.rule().equals("Completed payments above zero are GA4 purchases")).findFirst().orElseThrow();
        assertThat(purchase.facts()).extracting(f -> f.get("fact")).containsExactly("PlatformEvent", "Payment");
        assertThat(purchase.facts().get(0)).containsEntry("type", "payment.received");
        assertThat(purchase.facts().get(1)).containsEntry("status", "completed").containsKey("total").containsKey("id");
    }

    @Test
    void aRuleThatThrowsMakesAFailedDecisionNamingTheRule() throws IOException {
        Files.writeString(dir.resolve("broken.drl"), """
                package dev.umhub.rules;
                import dev.umhub.event.PlatformEvent;
                rule "Parses what is no number"
                when
                    PlatformEvent( type == "payment.received" )
                then
                    Integer.parseInt("x");
                end
                """);
        Decision d = IntegrationRulesTest.engine(dir).decide(paid);

        assertThat(d.isFailed()).isTrue();
        assertThat(d.failure().rule()).isEqualTo("Parses what is no number");
        assertThat(d.failure().error()).contains("NumberFormatException", "\"x\"");
        assertThat(d.dispatches()).isEmpty();
    }

    @Test
    void aConditionThatThrowsNamesItsRuleToo() throws IOException {
        Files.writeString(dir.resolve("broken.drl"), """
                package dev.umhub.rules;
                import dev.umhub.event.Customer;
                rule "Reads a number from the name"
                when
                    Customer( Integer.parseInt(name) > 0 )
                then
                    insert(new Dispatch("ga4", "numbered"));
                end
                """);
        Decision d = IntegrationRulesTest.engine(dir).decide(paid);

        assertThat(d.isFailed()).isTrue();
        assertThat(d.failure().rule()).isEqualTo("Reads a number from the name");
        assertThat(d.failure().error()).contains("NumberFormatException");
    }
}

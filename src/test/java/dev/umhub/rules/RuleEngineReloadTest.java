package dev.umhub.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleEngineReloadTest {

    @TempDir
    Path rules;

    @Test
    void aBrokenEditIsRejectedAndThePreviousRulesKeepRunning() throws IOException {
        RuleEngine engine = withShippedRules();
        String good = engine.status().version();
        assertThat(engine.status().rules()).hasSize(4);

        Files.writeString(rules.resolve("integrations.drl"),
                "\nrule \"broken on purpose\" when this is not drl then end\n",
                java.nio.file.StandardOpenOption.APPEND);
        assertThat(engine.reloadIfChanged()).isFalse();

        RulesStatus status = engine.status();
        assertThat(status.version()).isEqualTo(good);
        assertThat(status.lastAttempt().accepted()).isFalse();
        assertThat(status.lastAttempt().messages()).anySatisfy(m -> {
            assertThat(m.level()).isEqualTo("ERROR");
            assertThat(m.file()).isEqualTo("integrations.drl");
            assertThat(m.line()).isPositive();
        });
        assertThat(IntegrationRulesTest.dispatches(engine, "payment_updated", "payment_updated-failed.json"))
                .containsExactly("ga4:payment_failed");
    }

    @Test
    void aGoodEditIsSwappedIn() throws IOException {
        RuleEngine engine = withShippedRules();
        String before = engine.status().version();
        Files.writeString(rules.resolve("renewals.drl"), """
                package dev.umhub.rules;
                import dev.umhub.event.PlatformEvent;
                rule "Renewal invoices are tracked in GA4"
                when
                    PlatformEvent( type == "renewal_payment.created" )
                then
                    insert(new Dispatch("ga4", "renewal_invoiced"));
                end
                """);
        assertThat(engine.reloadIfChanged()).isTrue();
        assertThat(engine.status().version()).isNotEqualTo(before);
        assertThat(engine.status().rules()).contains("Renewal invoices are tracked in GA4");
        assertThat(IntegrationRulesTest.dispatches(engine, "renewal_payment_created", "renewal_payment_created.json"))
                .containsExactly("ga4:renewal_invoiced");
        assertThat(engine.reloadIfChanged()).as("nothing changed since").isFalse();
    }

    @Test
    void theStrOperatorThatFailsAtRunTimeIsRefusedAtLoad() throws IOException {
        RuleEngine engine = withShippedRules();
        String good = engine.status().version();
        Files.writeString(rules.resolve("agencies.drl"), """
                package dev.umhub.rules;
                import dev.umhub.event.Customer;
                rule "Agency customers go to Slack"
                when
                    Customer( email str[endsWith] "@agency.example" )
                then
                    insert(new Dispatch("slack", "notify"));
                end
                """);
        assertThat(engine.reloadIfChanged()).isFalse();
        assertThat(engine.status().version()).isEqualTo(good);
        assertThat(engine.status().lastAttempt().messages()).singleElement()
                .satisfies(m -> assertThat(m.text()).contains("endsWith(").contains("6711"));
    }

    @Test
    void rulesTheKieBaseCannotRunAreRefusedAtLoad() throws IOException {
        RuleEngine engine = withShippedRules();
        String good = engine.status().version();
        Files.writeString(rules.resolve("windows.drl"), """
                package dev.umhub.rules;
                import dev.umhub.event.PlatformEvent;
                declare PlatformEvent @role(event) end
                rule "Bursts"
                when
                    Number( intValue > 10 ) from accumulate( PlatformEvent() over window:time(1m), count(1) )
                then
                    insert(new Dispatch("slack", "burst"));
                end
                """);
        assertThat(engine.reloadIfChanged()).isFalse();
        assertThat(engine.status().version()).isEqualTo(good);
        assertThat(engine.status().lastAttempt().messages()).extracting(RuleMessage::text)
                .anyMatch(t -> t.contains("STREAM mode"));
    }

    /** An engine on a folder holding the shipped rules. */
    private RuleEngine withShippedRules() throws IOException {
        Files.copy(Path.of("rules/integrations.drl"), rules.resolve("integrations.drl"));
        return IntegrationRulesTest.engine(rules);
    }

    @Test
    void anEmptyFolderDecidesNothing() {
        RuleEngine engine = IntegrationRulesTest.engine(rules);
        assertThat(IntegrationRulesTest.dispatches(engine, "payment_received", "payment_received.json")).isEmpty();
    }
}

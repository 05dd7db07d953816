package dev.umhub.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.umhub.Fixtures;
import dev.umhub.event.PlatformEvent;
import dev.umhub.ultimatemultisite.UltimateMultisiteAdapter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped rules/integrations.drl, loaded as umhub loads it, over the fixture events. */
class IntegrationRulesTest {

    private static final RuleEngine ENGINE = engine(Path.of("rules"));

    static RuleEngine engine(Path folder) {
        RulesProperties p = new RulesProperties();
        p.setDirectory(folder.toString());
        return new RuleEngine(p, Clock.systemUTC(), () -> java.util.Set.of("hubspot", "ga4"));
    }

    static List<String> dispatches(RuleEngine engine, String slug, String fixture) {
        PlatformEvent e = new UltimateMultisiteAdapter().normalise(slug, Fixtures.object(fixture), Instant.now()).event();
        return engine.decide(e).dispatches().stream().map(d -> d.destination() + ":" + d.action()).toList();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "payment_received|payment_received.json|hubspot:upsert_contact,ga4:purchase",
        "payment_received|real-2.4.10/payment_received-1.json|hubspot:upsert_contact,ga4:purchase",
        "payment_received|payment_received-no-membership.json|hubspot:upsert_contact,ga4:purchase",
        "payment_received|payment_received-free-plan.json|''",
        "membership_updated|membership_updated-cancelled.json|ga4:membership_cancelled",
        "payment_updated|payment_updated-failed.json|ga4:payment_failed",
        "site_published|site_published.json|hubspot:upsert_contact",
        "confirm_email_address|confirm_email_address.json|''",
        "renewal_payment_created|renewal_payment_created.json|''",
        "domain_created|domain_created.json|''",
    })
    void shippedRulesChooseTheIntegrationGuidesDestinations(String slug, String fixture, String expected) {
        List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split(","));
        assertThat(dispatches(ENGINE, slug, fixture)).containsExactlyInAnyOrderElementsOf(want);
    }

    /** The connectors' rules ship commented out; uncommented, as an operator does, they compile and choose alike. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "payment_received|payment_received.json|hubspot:upsert_contact,salesforce:upsert_contact,pipedrive:upsert_contact,ga4:purchase,mixpanel:purchase,posthog:purchase,segment:Order Completed,amplitude:purchase,webhook:forward,kafka:publish",
        "payment_received|payment_received-free-plan.json|webhook:forward,kafka:publish",
        "membership_updated|membership_updated-cancelled.json|ga4:membership_cancelled,mixpanel:membership_cancelled,posthog:membership_cancelled,segment:Subscription Cancelled,slack:alert,webhook:forward,kafka:publish",
        "payment_updated|payment_updated-failed.json|ga4:payment_failed,mixpanel:payment_failed,amplitude:payment_failed,slack:alert,webhook:forward,kafka:publish",
    })
    void theCommentedOutConnectorRulesWorkOnceUncommented(String slug, String fixture, String expected,
                                                          @org.junit.jupiter.api.io.TempDir Path folder)
            throws Exception {
        String shipped = java.nio.file.Files.readString(Path.of("rules/integrations.drl"));
        int more = shipped.indexOf("// ---- More destinations");
        String uncommented = shipped.substring(0, more) + shipped.substring(more).lines()
                .filter(l -> !l.startsWith("// ----") && !l.startsWith("// Without"))
                .map(l -> l.startsWith("// ") ? l.substring(3) : l.equals("//") ? "" : l)
                .collect(java.util.stream.Collectors.joining("\n"));
        java.nio.file.Files.writeString(folder.resolve("integrations.drl"), uncommented);
        RuleEngine all = engine(folder);
        assertThat(all.status().lastAttempt().accepted()).as(all.status().lastAttempt().toString()).isTrue();
        List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split(","));
        assertThat(dispatches(all, slug, fixture)).containsExactlyInAnyOrderElementsOf(want);
    }

    @Test
    void freePlansNeverReachTheCrm() {
        assertThat(dispatches(ENGINE, "payment_received", "payment_received-free-plan.json"))
                .noneMatch(d -> d.startsWith("hubspot"));
    }

    @Test
    void theRuleThatChoseADestinationIsNamed() {
        PlatformEvent e = new UltimateMultisiteAdapter()
                .normalise("membership_updated", Fixtures.object("membership_updated-cancelled.json"), Instant.now()).event();
        Decision d = ENGINE.decide(e);
        assertThat(d.rulesFired()).containsExactly("Cancellations go to GA4 as churn");
        assertThat(d.dispatches()).singleElement()
                .satisfies(c -> assertThat(c.rule()).isEqualTo("Cancellations go to GA4 as churn"));
        assertThat(d.rulesVersion()).isNotEqualTo("none");
    }
}

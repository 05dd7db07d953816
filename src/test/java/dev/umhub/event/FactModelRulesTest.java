package dev.umhub.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.Fixtures;
import dev.umhub.ultimatemultisite.UltimateMultisiteAdapter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.KieSession;

/** The facts as docs/rules.md shows them to rule authors: the new fields are there to constrain in DRL. */
class FactModelRulesTest {

    private static final String DRL = """
            package dev.umhub.rules;
            import dev.umhub.event.*;

            rule "Dutch customers"
            when
                Billing( country == "NL" )
            then end

            rule "Monthly memberships"
            when
                Membership( billingPeriod == "month", billingInterval == 1 )
            then end

            rule "Monthly plans"
            when
                Plan( billingPeriod == "month", pricingType == "paid" )
            then end

            rule "Events from 2.4.10"
            when
                PlatformEvent( test == false, data.extra["wu_version"] == "2.4.10" )
            then end

            rule "First names"
            when
                Customer( firstName == "alice" )
            then end
            """;

    @Test
    void rulesSeeTheCountryAndTheBillingPeriod() {
        ObjectNode body = Fixtures.object("real-2.4.10/payment_received-1.json");
        body.put("customer_billing_address", "alice\nalice@example.com\nKeizersgracht 1\nNL\nAmsterdam\n1012 AB");
        PlatformEvent event = new UltimateMultisiteAdapter().normalise("payment_received", body, Instant.now()).event();
        Plan plan = new Plan("1", "Pro Plan", "plan", "paid", new BigDecimal("29"), "USD", 1, "month", "month", 1);
        assertThat(fired(event, plan)).containsExactlyInAnyOrder("Dutch customers", "Monthly memberships",
                "Monthly plans", "Events from 2.4.10", "First names");
    }

    private static List<String> fired(PlatformEvent event, Plan plan) {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        var releaseId = ks.newReleaseId("dev.umhub", "fact-model-test", "1");
        kfs.generateAndWritePomXML(releaseId);
        kfs.write("src/main/resources/facts.drl", DRL.getBytes(StandardCharsets.UTF_8));
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
        assertThat(builder.getResults().getMessages(Message.Level.ERROR)).isEmpty();
        KieContainer container = ks.newKieContainer(releaseId);
        KieSession session = container.newKieSession();
        List<String> fired = new ArrayList<>();
        try {
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void afterMatchFired(AfterMatchFiredEvent e) {
                    fired.add(e.getMatch().getRule().getName());
                }
            });
            EventData d = event.data();
            session.insert(event);
            Stream.of(d.customer(), d.membership(), d.payment(), d.site(), d.domain(), d.billing(), plan)
                    .filter(java.util.Objects::nonNull).forEach(session::insert);
            session.fireAllRules();
            return fired;
        } finally {
            session.dispose();
            ks.getRepository().removeKieModule(releaseId);
        }
    }
}

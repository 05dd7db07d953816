package dev.umhub.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.umhub.Fixtures;
import dev.umhub.bench.rules.GeneratedRules;
import dev.umhub.event.PlatformEvent;
import dev.umhub.ultimatemultisite.UltimateMultisiteAdapter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.KieBase;

/**
 * The engine reuses sessions (reset by Drools between decisions, pooled per event type). A reused session must decide
 * exactly as a new one: same rules fired in the same order, same dispatches with the rule that chose them, for any
 * order of events, including rules that match on nothing but the absence of facts, react to other rules'
 * dispatches, or accumulate, and after a rule failed half-way through a decision.
 */
class SessionReuseTest {

    /** Rules whose outcome depends on state a badly reset session would keep. */
    static final String STATEFUL = """
            package dev.umhub.rules;
            import dev.umhub.event.PlatformEvent;
            import dev.umhub.event.Customer;
            import dev.umhub.event.Membership;
            import dev.umhub.event.Payment;

            rule "No payment at all"
            when
                not Payment()
            then
                insert(new Dispatch("audit", "no_payment"));
            end

            rule "Any customer"
            when
                exists Customer()
            then
                insert(new Dispatch("audit", "customer"));
            end

            rule "GA4 purchases are also audited"
            when
                Dispatch( destination == "ga4" )
                not Dispatch( destination == "audit", action == "ga4_seen" )
            then
                insert(new Dispatch("audit", "ga4_seen"));
            end

            rule "Two or more dispatches"
            when
                Number( intValue >= 2 ) from accumulate( Dispatch(), count(1) )
                not Dispatch( action == "busy" )
            then
                insert(new Dispatch("audit", "busy"));
            end

            rule "Memberships are consumed"
            when
                $m : Membership()
            then
                delete($m);
                insert(new Dispatch("audit", "membership_seen"));
            end

            rule "A customer named Boom breaks the rules"
            when
                Customer( name == "Boom" )
            then
                throw new IllegalStateException("boom");
            end
            """;

    @TempDir
    Path dir;

    @Test
    void reusedSessionsDecideAsNewSessionsDo() throws IOException {
        Files.writeString(dir.resolve("stateful.drl"), STATEFUL);
        Files.copy(Path.of("rules/integrations.drl"), dir.resolve("integrations.drl"));
        Files.writeString(dir.resolve("generated.drl"), GeneratedRules.drl(200));
        RuleEngine engine = engine();
        assertThat(engine.status().rules()).hasSize(6 + 4 + 200);
        KieBase kieBase = RuleCompiler.compile(RuleFiles.ofTexts(Map.of("stateful.drl", STATEFUL,
                "integrations.drl", Files.readString(dir.resolve("integrations.drl")),
                "generated.drl", Files.readString(dir.resolve("generated.drl"))))).kieBase();

        List<PlatformEvent> events = events();
        // every event after every other one, so each pooled session is reused after each kind of event
        for (PlatformEvent before : events) {
            for (PlatformEvent e : events) {
                engine.decide(before);
                Decision reused = engine.decide(e);
                Decision fresh = CompiledRules.decide(kieBase.newKieSession(), e, reused.rulesVersion());
                assertThat(reused).as("%s after %s", e.type(), before.type()).isEqualTo(fresh);
            }
        }
        Decision paid = engine.decide(events.get(0));
        // the comparison above means something only if these rules do fire
        assertThat(paid.rulesFired()).contains("Any customer", "GA4 purchases are also audited",
                "Two or more dispatches", "Memberships are consumed").doesNotContain("No payment at all");
        assertThat(engine.decide(event("customer_created", "customer_created.json", UnaryOperator.identity()))
                .dispatches()).extracting(Decision.ChosenDispatch::action).contains("no_payment", "customer");
    }

    @Test
    void threadsDecidingAtOnceEachGetTheirOwnSession() throws Exception {
        Files.writeString(dir.resolve("stateful.drl"), STATEFUL);
        Files.copy(Path.of("rules/integrations.drl"), dir.resolve("integrations.drl"));
        RuleEngine engine = engine();
        List<PlatformEvent> events = events();
        List<Decision> expected = events.stream().map(engine::decide).toList();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                running.add(threads.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        int n = (i + offset) % events.size();
                        assertThat(engine.decide(events.get(n))).isEqualTo(expected.get(n));
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aRuleThatThrowsLeavesNoStateBehind() throws IOException {
        Files.writeString(dir.resolve("stateful.drl"), STATEFUL);
        RuleEngine engine = engine();
        PlatformEvent paid = event("payment_received", "payment_received.json", UnaryOperator.identity());
        PlatformEvent boom = event("payment_received", "payment_received.json", j -> j.put("customer_name", "Boom"));
        Decision before = engine.decide(paid);

        for (int i = 0; i < 3; i++) {
            assertThat(engine.decide(boom).failure().error()).contains("boom");
            assertThat(engine.decide(paid)).isEqualTo(before);
        }
    }

    private RuleEngine engine() {
        return IntegrationRulesTest.engine(dir);
    }

    static List<PlatformEvent> events() {
        List<PlatformEvent> events = new ArrayList<>();
        for (String[] f : new String[][] {
                {"payment_received", "payment_received.json"},
                {"payment_received", "payment_received-free-plan.json"},
                {"payment_received", "payment_received-no-membership.json"},
                {"payment_updated", "payment_updated-failed.json"},
                {"membership_updated", "membership_updated-cancelled.json"},
                {"customer_created", "customer_created.json"},
                {"site_published", "site_published.json"},
                {"domain_created", "domain_created.json"},
                {"renewal_payment_created", "renewal_payment_created.json"},
                {"confirm_email_address", "confirm_email_address.json"}}) {
            events.add(event(f[0], f[1], UnaryOperator.identity()));
        }
        return events;
    }

    static PlatformEvent event(String slug, String fixture,
            UnaryOperator<com.fasterxml.jackson.databind.node.ObjectNode> edit) {
        return new UltimateMultisiteAdapter().normalise(slug, edit.apply(Fixtures.object(fixture)), Instant.now())
                .event();
    }
}

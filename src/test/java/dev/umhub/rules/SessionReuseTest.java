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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kie.api.KieBase;

/**
 * The engine reuses sessions: cleared of their facts between decisions, or reset by Drools (pooled per event type)
 * when the rules keep state a delete does not undo. A reused session must decide exactly as a new one: same rules
 * fired in the same order, same dispatches with the rule that chose them, for any order of events, including rules
 * that match on nothing but the absence of facts, react to other rules' dispatches or facts, or accumulate, and
 * after a rule failed half-way through a decision.
 */
class SessionReuseTest {

    private static final String HEADER = """
            package dev.umhub.rules;
            import dev.umhub.event.PlatformEvent;
            import dev.umhub.event.Customer;
            import dev.umhub.event.Membership;
            import dev.umhub.event.Payment;

            """;

    /** A rule reacting to other rules' dispatches; it starts with a fact pattern, so it suits both ways. */
    private static final String GA4_AUDITED = """
            rule "GA4 purchases are also audited"
            when
                Dispatch( destination == "ga4" )
                not Dispatch( destination == "audit", action == "ga4_seen" )
            then
                insert(new Dispatch("audit", "ga4_seen"));
            end

            """;

    /** The condition of the rule counting dispatches, after its first pattern (if any). */
    private static final String TWO_OR_MORE = """
                Number( intValue >= 2 ) from accumulate( Dispatch(), count(1) )
                not Dispatch( action == "busy" )
            then
                insert(new Dispatch("audit", "busy"));
            end

            """;

    /** A rule deleting an event's fact. */
    private static final String MEMBERSHIPS_CONSUMED = """
            rule "Memberships are consumed"
            when
                $m : Membership()
            then
                delete($m);
                insert(new Dispatch("audit", "membership_seen"));
            end

            """;

    /** A rule that throws for one customer. */
    private static final String BOOM = """
            rule "A customer named Boom breaks the rules"
            when
                Customer( name == "Boom" )
            then
                throw new IllegalStateException("boom");
            end
            """;

    /** Rules whose outcome depends on state a badly reset session would keep. */
    static final String STATEFUL = HEADER + """
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

            """ + GA4_AUDITED + """
            rule "Two or more dispatches"
            when
            """ + TWO_OR_MORE + MEMBERSHIPS_CONSUMED + BOOM;

    /**
     * The same kinds of state, in rules that each start with a fact pattern, so their sessions are cleared, not reset;
     * and facts the rules insert for themselves, which a session kept uncleared would carry to the next event.
     */
    static final String CLEARABLE = HEADER + """
            rule "No payment in this event"
            when
                PlatformEvent()
                not Payment()
            then
                insert(new Dispatch("audit", "no_payment"));
            end

            rule "An event with a customer"
            when
                PlatformEvent()
                exists Customer()
            then
                insert(new Dispatch("audit", "customer"));
            end

            """ + GA4_AUDITED + """
            rule "Two or more dispatches"
            when
                PlatformEvent()
            """ + TWO_OR_MORE + MEMBERSHIPS_CONSUMED + """
            rule "Each event type is noted once"
            when
                PlatformEvent( $type : type )
                not String( this == $type )
            then
                insert($type);
            end

            rule "What was noted is audited"
            when
                $type : String()
                PlatformEvent()
            then
                insert(new Dispatch("audit", "seen " + $type));
            end

            rule "Audits of free events are vetoed"
            when
                $d : Dispatch( destination == "audit", action == "no_payment" )
                PlatformEvent( type == "site.published" )
            then
                delete($d);
            end

            """ + BOOM;

    @TempDir
    Path dir;

    @Test
    void resetSessionsDecideAsNewSessionsDo() throws IOException {
        RuleEngine engine = engineWith("stateful.drl", STATEFUL);
        assertThat(engine.running().sessionReuse())
                .startsWith("reset between decisions: rule \"No payment at all\" does not start with a fact pattern");
        reusedSessionsDecideAsNewSessionsDo(engine);
        assertThat(engine.decide(events().get(0)).rulesFired()).contains("Any customer",
                "GA4 purchases are also audited", "Two or more dispatches", "Memberships are consumed")
                .doesNotContain("No payment at all");
        assertThat(engine.decide(event("customer_created", "customer_created.json", UnaryOperator.identity()))
                .dispatches()).extracting(Decision.ChosenDispatch::action).contains("no_payment", "customer");
    }

    @Test
    void clearedSessionsDecideAsNewSessionsDo() throws IOException {
        RuleEngine engine = engineWith("clearable.drl", CLEARABLE);
        assertThat(engine.running().sessionReuse()).isEqualTo("cleared between decisions");
        reusedSessionsDecideAsNewSessionsDo(engine);
        // every decision above was made on this thread in one session, cleared each time: none was a new one
        assertThat(engine.running().sessionsMade()).isEqualTo(1);
        assertThat(engine.decide(events().get(0)).rulesFired()).contains("An event with a customer",
                "GA4 purchases are also audited", "Two or more dispatches", "Memberships are consumed",
                "Each event type is noted once", "What was noted is audited").doesNotContain("No payment in this event");
        assertThat(engine.decide(event("customer_created", "customer_created.json", UnaryOperator.identity()))
                .dispatches()).extracting(Decision.ChosenDispatch::action)
                .containsExactly("no_payment", "customer", "busy", "seen customer.created");
        assertThat(engine.decide(event("site_published", "site_published.json", UnaryOperator.identity()))
                .vetoes()).extracting(Decision.Vetoed::rule).containsExactly("Audits of free events are vetoed");
    }

    /** The engine's rules with the shipped and 200 generated ones, then every event decided after every other one. */
    private RuleEngine engineWith(String file, String drl) throws IOException {
        Files.writeString(dir.resolve(file), drl);
        Files.copy(Path.of("rules/integrations.drl"), dir.resolve("integrations.drl"));
        Files.writeString(dir.resolve("generated.drl"), GeneratedRules.drl(200));
        return engine();
    }

    private void reusedSessionsDecideAsNewSessionsDo(RuleEngine engine) throws IOException {
        Map<String, String> texts = new java.util.TreeMap<>();
        for (Path p : List.of(dir.resolve("integrations.drl"), dir.resolve("generated.drl"))) {
            texts.put(p.getFileName().toString(), Files.readString(p));
        }
        try (var files = Files.list(dir)) {
            for (Path p : files.filter(f -> !texts.containsKey(f.getFileName().toString())).toList()) {
                texts.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        assertThat(engine.status().rules()).hasSizeGreaterThan(4 + 200);
        KieBase kieBase = RuleCompiler.compile(RuleFiles.ofTexts(texts)).kieBase();

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
        // the comparison above means something only if the stateful rules do fire: the callers check they do
    }

    /** The rules of a test run both ways: reset (STATEFUL) and cleared (CLEARABLE). */
    private static String rules(String name) {
        return "stateful".equals(name) ? STATEFUL : CLEARABLE;
    }

    @ParameterizedTest
    @ValueSource(strings = {"stateful", "clearable"})
    void threadsDecidingAtOnceEachGetTheirOwnSession(String name) throws Exception {
        Files.writeString(dir.resolve(name + ".drl"), rules(name));
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

    @ParameterizedTest
    @ValueSource(strings = {"stateful", "clearable"})
    void aRuleThatThrowsLeavesNoStateBehind(String name) throws IOException {
        Files.writeString(dir.resolve(name + ".drl"), rules(name));
        RuleEngine engine = engine();
        PlatformEvent paid = event("payment_received", "payment_received.json", UnaryOperator.identity());
        PlatformEvent boom = event("payment_received", "payment_received.json", j -> j.put("customer_name", "Boom"));
        Decision before = engine.decide(paid);
        int made = engine.running().sessionsMade();

        for (int i = 0; i < 3; i++) {
            assertThat(engine.decide(boom).failure().error()).contains("boom");
            assertThat(engine.decide(paid)).isEqualTo(before);
            assertThat(engine.decide(paid)).isEqualTo(before); // in the session cleared after the line above
        }
        if ("clearable".equals(name)) {
            // the session a rule threw in is dropped, never cleared for reuse: one new session after each
            assertThat(engine.running().sessionsMade()).isEqualTo(made + 3);
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

package dev.umhub.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.umhub.bench.rules.GeneratedRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.conf.ThreadSafeOption;
import org.kie.api.runtime.rule.FactHandle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which rules let a session be cleared by deleting its facts (SessionReuseTest shows a cleared session deciding as a
 * new one): every construct that keeps state outside the facts' matches makes the engine reset sessions instead.
 */
class SessionClearingTest {

    private static final String HEADER = """
            package dev.umhub.rules;
            import dev.umhub.event.PlatformEvent;
            import dev.umhub.event.Payment;
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not first          | when not Payment() then                                                   | does not start with a fact pattern
            exists first       | when exists Payment() then                                                | does not start with a fact pattern
            eval first         | when eval(true) PlatformEvent() then                                      | does not start with a fact pattern
            no condition       | when then                                                                 | does not start with a fact pattern
            accumulate first   | when Number() from accumulate(Payment(), count(1)) then                   | does not start with a fact pattern
            from first         | when String() from "x" then                                               | does not start with a fact pattern
            or first           | when (PlatformEvent() or Payment()) then                                  | does not start with a fact pattern
            agenda group       | agenda-group "later" when PlatformEvent() then                            | has an agenda group
            auto focus         | auto-focus true when PlatformEvent() then                                 | has an agenda group
            ruleflow group     | ruleflow-group "flow" when PlatformEvent() then                           | has an agenda group
            activation group   | activation-group "one" when PlatformEvent() then                          | has an activation group or lock-on-active
            lock on active     | lock-on-active true when PlatformEvent() then                             | has an activation group or lock-on-active
            timer              | timer (int: 1s) when PlatformEvent() then                                 | has a timer or calendars
            events             | when PlatformEvent() Tick() then                                          | matches events or windows
            entry point        | when PlatformEvent() Payment() from entry-point "payments" then           | reads entry point payments
            """)
    void constructsThatKeepStateMakeSessionsReset(String construct, String rule, String reason) {
        String drl = HEADER + "declare Tick @role(event) end\nrule \"r\" " + rule.replace(" then", "\nthen\nend\n");
        assertThat(obstacles(drl)).as(drl).containsExactly("rule \"r\" " + reason);
    }

    @Test
    void aQueryOnAnEntryPointMakesSessionsReset() {
        assertThat(obstacles(HEADER + "query \"payments\"\n Payment() from entry-point \"payments\"\nend\n"
                + "rule \"r\"\nwhen\n PlatformEvent()\nthen\nend\n"))
                .containsExactly("query \"payments\" reads entry point payments");
        assertThat(obstacles(HEADER + "query \"payments\"\n Payment()\nend\n")).isEmpty();
    }

    @Test
    void aHaltMakesSessionsReset() {
        assertThat(obstacles(HEADER + "rule \"r\"\nwhen\n PlatformEvent()\nthen\n drools.halt();\nend\n"))
                .containsExactly("rules.drl halts the rules");
    }

    @Test
    void globalsAndLogicalInsertsMakeSessionsReset() {
        assertThat(obstacles(HEADER + "global java.util.List seen;\nrule \"r\"\nwhen\n PlatformEvent()\nthen\nend\n"))
                .containsExactly("package dev.umhub.rules declares globals");
        assertThat(obstacles(HEADER + "rule \"r\"\nwhen\n PlatformEvent()\nthen\n insertLogical(\"x\");\nend\n"))
                .containsExactly("rules.drl inserts logically");
    }

    @Test
    void anExtendedRuleStartsWithItsAncestorsConditions() {
        String drl = HEADER + """
                rule "parent"
                when
                    not Payment()
                then
                end
                rule "child" extends "parent"
                when
                    PlatformEvent()
                then
                end
                """;
        assertThat(obstacles(drl)).containsExactly("rule \"parent\" does not start with a fact pattern",
                "rule \"child\" does not start with a fact pattern");
    }

    @Test
    void theShippedAndTheBenchmarksRulesAreCleared() throws IOException {
        assertThat(obstacles(Files.readString(Path.of("rules/integrations.drl")))).isEmpty();
        assertThat(obstacles(GeneratedRules.drl(200))).isEmpty();
        assertThat(obstacles(SessionReuseTest.CLEARABLE)).isEmpty();
        assertThat(RuleCompiler.compile(RuleFiles.read(Path.of("rules"))).clearingObstacles()).isEmpty();
    }

    @Test
    void clearingDeletesTheLastInsertedFactFirst() {
        KieSession session = oneRule().newKieSession();
        try {
            List<FactHandle> standing = new ArrayList<>();
            for (String fact : List.of("event", "customer", "payment")) {
                standing.add(session.insert(fact));
            }
            List<Object> deleted = new ArrayList<>();
            session.addEventListener(new DefaultRuleRuntimeEventListener() {
                @Override
                public void objectDeleted(ObjectDeletedEvent e) {
                    deleted.add(e.getOldObject());
                }
            });
            assertThat(SessionClearing.clear(session, standing)).isTrue();
            // the later facts first, so rules they linked are unlinked before the event's delete notifies them
            assertThat(deleted).containsExactly("payment", "customer", "event");
            assertThat(session.getFactCount()).isZero();
        } finally {
            session.dispose();
        }
    }

    @Test
    void clearedSessionsAreSingleThreadedAndResetOnesKeepDroolsDefault() {
        KieBase kieBase = oneRule();
        KieSession cleared = new SessionPools(kieBase, List.of()).session("payment.received");
        KieSession reset = new SessionPools(kieBase, List.of("a global")).session("payment.received");
        try {
            assertThat(cleared.getSessionConfiguration().getOption(ThreadSafeOption.KEY))
                    .isEqualTo(ThreadSafeOption.NO);
            assertThat(reset.getSessionConfiguration().getOption(ThreadSafeOption.KEY))
                    .isEqualTo(ThreadSafeOption.YES);
        } finally {
            cleared.dispose();
            reset.dispose();
        }
    }

    private static KieBase oneRule() {
        return RuleCompiler.compile(RuleFiles.ofTexts(Map.of("rules.drl",
                HEADER + "rule \"r\"\nwhen\n PlatformEvent()\nthen\nend\n"))).kieBase();
    }

    private static List<String> obstacles(String drl) {
        RuleCompiler.Result r = RuleCompiler.compile(RuleFiles.ofTexts(Map.of("rules.drl", drl)));
        assertThat(r.accepted()).as("%s compiles: %s", drl, r.messages()).isTrue();
        return r.clearingObstacles();
    }
}

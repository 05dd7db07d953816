package dev.umhub.bench.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.umhub.event.PlatformEvent;
import dev.umhub.rules.RuleEngine;
import dev.umhub.rules.RulesProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's 200 generated rules compile as umhub compiles them and run over every benchmark event, past the
 * point where Drools JIT-compiles constraints (a broken rule set would make the benchmark time nothing).
 */
class GeneratedRulesTest {

    @Test
    void twoHundredRulesCompileAndDecideRepeatedly(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("generated.drl"), GeneratedRules.drl(200));
        RulesProperties p = new RulesProperties();
        p.setDirectory(dir.toString());
        RuleEngine engine = new RuleEngine(p, Clock.systemUTC(), () -> java.util.Set.of("hubspot", "ga4"));
        assertThat(engine.status().rules()).hasSize(200);

        PlatformEvent[] events = RuleDecisionBenchmark.events();
        int fired = 0;
        for (int round = 0; round < 50; round++) { // Drools jits a constraint after 20 evaluations
            for (PlatformEvent e : events) {
                fired += engine.decide(e).rulesFired().size();
            }
        }
        // the paid payments fire the one-in-twenty "segment" rules; most rules fire for nothing
        assertThat(fired).isPositive().isLessThan(50 * events.length * 20);
    }
}

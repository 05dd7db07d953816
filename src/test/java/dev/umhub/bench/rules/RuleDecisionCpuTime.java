package dev.umhub.bench.rules;

import dev.umhub.event.PlatformEvent;
import dev.umhub.rules.Decision;
import dev.umhub.rules.RuleEngine;
import dev.umhub.rules.RulesProperties;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;

/**
 * The decisions of {@link RuleDecisionBenchmark}, timed by the deciding thread's CPU time instead of the clock: for
 * comparing two builds on a machine whose speed moves (here, JMH's iterations of one build ranged from 50,000 to
 * 82,000 decisions/s). Prints decisions per CPU second for each of 8 two-second rounds after 15 s of warm-up, their
 * best and their mean. Run each build in its own JVM, alternated:
 * <pre>
 * java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
 *     dev.umhub.bench.rules.RuleDecisionCpuTime generated-200
 * </pre>
 */
public final class RuleDecisionCpuTime {

    private static final long WARM_UP_NANOS = 15_000_000_000L;
    private static final long ROUND_NANOS = 2_000_000_000L;
    private static final int ROUNDS = 8;

    private RuleDecisionCpuTime() {
    }

    public static void main(String[] args) throws IOException {
        String rules = args.length > 0 ? args[0] : RuleDecisionBenchmark.GENERATED_200;
        Path folder = Files.createTempDirectory("umhub-rules-cpu");
        try {
            if (RuleDecisionBenchmark.SHIPPED.equals(rules)) {
                Files.copy(RuleDecisionBenchmark.shippedRules(), folder.resolve("integrations.drl"));
            } else {
                Files.writeString(folder.resolve("generated.drl"), GeneratedRules.drl(200));
            }
            RulesProperties props = new RulesProperties();
            props.setDirectory(folder.toString());
            RuleEngine engine = new RuleEngine(props, Clock.systemUTC(), () -> Set.of("hubspot", "ga4"));
            System.out.println(rules + ": " + measure(engine, RuleDecisionBenchmark.events()));
        } finally {
            try (var files = Files.walk(folder)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static String measure(RuleEngine engine, PlatformEvent[] events) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int next = 0;
        int fired = 0; // what the decisions chose, so the JIT cannot drop them
        for (long end = System.nanoTime() + WARM_UP_NANOS; System.nanoTime() < end; next++) {
            fired += engine.decide(events[next % events.length]).dispatches().size();
        }
        StringBuilder rounds = new StringBuilder();
        double best = 0;
        double sum = 0;
        for (int r = 0; r < ROUNDS; r++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long started = System.nanoTime();
            long decided = 0;
            while (System.nanoTime() - started < ROUND_NANOS) {
                for (int i = 0; i < 1000; i++, next++) {
                    Decision d = engine.decide(events[next % events.length]);
                    fired += d.dispatches().size();
                }
                decided += 1000;
            }
            double perCpuSecond = decided * 1e9 / (threads.getCurrentThreadCpuTime() - cpu);
            rounds.append(String.format("%,.0f ", perCpuSecond));
            best = Math.max(best, perCpuSecond);
            sum += perCpuSecond;
        }
        return String.format("decisions per CPU second by round: %s| best %,.0f, mean %,.0f (%d dispatches chosen)",
                rounds, best, sum / ROUNDS, fired);
    }
}

package dev.umhub.bench.rules;

import dev.umhub.event.PlatformEvent;
import dev.umhub.rules.Decision;
import dev.umhub.rules.RuleEngine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The decisions of {@link RuleDecisionBenchmark}, timed by the deciding thread's CPU time instead of the clock: for
 * comparing two builds on a machine whose speed moves (here, five JMH forks of one build settled at 52,000 to 86,000
 * decisions/s). Prints decisions per CPU second for each of 8 two-second rounds after 15 s of warm-up, their best and
 * their mean. Run each build in its own JVM, alternated, from the project folder once {@code bench/run} (or
 * {@code mvn dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath}) has
 * written the class path:
 * <pre>
 * java -Xmx1g -Dlogback.configurationFile=bench/logback.xml \
 *     -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
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
            RuleEngine engine = RuleDecisionBenchmark.engine(rules, folder);
            System.out.println(rules + ": " + measure(engine, RuleDecisionBenchmark.events()));
        } finally {
            RuleDecisionBenchmark.delete(folder);
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

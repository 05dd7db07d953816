package dev.umhub.bench.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.event.PlatformEvent;
import dev.umhub.rules.Decision;
import dev.umhub.rules.RuleEngine;
import dev.umhub.rules.RulesProperties;
import dev.umhub.ultimatemultisite.UltimateMultisiteAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The rule decision alone, on one thread: {@link RuleEngine#decide} over a mix of realistic events, with the
 * shipped rules and with 200 generated ones. This is the per-event cost ingest pays before it stores an event.
 * The events rotate through the fixtures (paid and free payments, a failed payment, a cancellation, a new
 * customer, a published site, a domain), normalised once in setup so only the decision is timed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RuleDecisionBenchmark {

    public static final String SHIPPED = "shipped";
    public static final String GENERATED_200 = "generated-200";

    /** Fixtures and the slug each was sent to. */
    private static final String[][] FIXTURES = {
            {"payment_received.json", "payment_received"},
            {"payment_received-free-plan.json", "payment_received"},
            {"payment_received-no-membership.json", "payment_received"},
            {"payment_updated-failed.json", "payment_updated"},
            {"membership_updated-cancelled.json", "membership_updated"},
            {"customer_created.json", "customer_created"},
            {"site_published.json", "site_published"},
            {"domain_created.json", "domain_created"},
            {"renewal_payment_created.json", "renewal_payment_created"}};

    @Param({SHIPPED, GENERATED_200})
    public String rules;

    private Path folder;
    private RuleEngine engine;
    private PlatformEvent[] events;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        folder = Files.createTempDirectory("umhub-rules-bench");
        engine = engine(rules, folder);
        events = events();
    }

    /** An engine deciding with the named rule set ({@link #SHIPPED} or {@link #GENERATED_200}), its files in folder. */
    static RuleEngine engine(String rules, Path folder) throws IOException {
        if (SHIPPED.equals(rules)) {
            Files.copy(shippedRules(), folder.resolve("integrations.drl"));
        } else if (GENERATED_200.equals(rules)) {
            Files.writeString(folder.resolve("generated.drl"), GeneratedRules.drl(200));
        } else {
            throw new IllegalArgumentException("rules: " + SHIPPED + " or " + GENERATED_200 + ", not " + rules);
        }
        RulesProperties props = new RulesProperties();
        props.setDirectory(folder.toString());
        RuleEngine engine = new RuleEngine(props, Clock.systemUTC(), () -> java.util.Set.of("hubspot", "ga4"));
        int expected = SHIPPED.equals(rules) ? 4 : 200;
        if (engine.status().rules().size() < expected) {
            // a rejected file leaves no rules, and deciding nothing is fast: never report that as a result
            throw new IllegalStateException("rules did not load: " + engine.status());
        }
        return engine;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        delete(folder);
    }

    /** Deletes a rules folder made for a run, with its files. */
    static void delete(Path folder) throws IOException {
        try (var files = Files.walk(folder)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public Decision decide() {
        PlatformEvent e = events[next];
        next = next + 1 == events.length ? 0 : next + 1;
        return engine.decide(e);
    }

    /** The shipped rules/integrations.drl, from the project folder bench/run runs in. */
    static Path shippedRules() {
        Path p = Path.of(System.getProperty("umhub.project", "."), "rules", "integrations.drl");
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("shipped rules not found at " + p.toAbsolutePath()
                    + " (run from the project folder or set -Dumhub.project)");
        }
        return p;
    }

    static PlatformEvent[] events() throws IOException {
        ObjectMapper json = new ObjectMapper();
        UltimateMultisiteAdapter adapter = new UltimateMultisiteAdapter();
        List<PlatformEvent> out = new ArrayList<>();
        for (String[] f : FIXTURES) {
            try (InputStream in = RuleDecisionBenchmark.class.getResourceAsStream("/fixtures/ultimate-multisite/" + f[0])) {
                if (in == null) {
                    throw new IllegalStateException("fixture " + f[0] + " is not on the class path");
                }
                out.add(adapter.normalise(f[1], (ObjectNode) json.readTree(in), Instant.now()).event());
            }
        }
        return out.toArray(PlatformEvent[]::new);
    }
}

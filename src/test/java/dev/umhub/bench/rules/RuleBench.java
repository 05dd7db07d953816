package dev.umhub.bench.rules;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link RuleDecisionBenchmark} through JMH's API, so its figures land in bench/run's table. JMH's own report
 * goes to a file beside the other logs. The full run uses the benchmark's annotations (1 fork, 3 × 2 s warm-up,
 * 5 × 2 s measured); the smoke run only proves it works (in-process, 1 × 0.5 s).
 */
public final class RuleBench {

    /** Decisions per second and the 99.9 % confidence half-width JMH gives. */
    public record Score(double perSecond, double error) {
    }

    private RuleBench() {
    }

    /** @return score by the benchmark's {@code rules} parameter (shipped, generated-200) */
    public static Map<String, Score> run(Path report, boolean smoke) throws RunnerException {
        OptionsBuilder o = new OptionsBuilder();
        o.include(RuleDecisionBenchmark.class.getName() + ".decide").output(report.toString())
                .jvmArgsAppend("-Dumhub.project=" + System.getProperty("umhub.project", "."),
                        "-Dlogback.configurationFile=" + System.getProperty("logback.configurationFile", ""));
        if (smoke) {
            o.forks(0).warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(500));
        }
        Map<String, Score> scores = new LinkedHashMap<>();
        for (RunResult r : new Runner(o.build()).run()) {
            scores.put(r.getParams().getParam("rules"),
                    new Score(r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()));
        }
        return scores;
    }
}

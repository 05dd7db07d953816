package dev.umhub.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import joptsimple.OptionParser;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;
import org.springframework.boot.convert.DurationStyle;

/**
 * bench/run's flags (jopt-simple, which JMH brings along). Durations are written like umhub's own options: 60s,
 * 500ms, 2m. Without flags bench/run runs the standard set: steady closed loop, the same load against Node-RED (the
 * peer of the same run), steady open loop at 1,000/s (the latency target's rate), a 30 s HubSpot outage under 100/s (a rate umhub keeps up with today, so the drain time
 * measures the catch-up and not a saturated hub), and the rule benchmark.
 */
public final class BenchOptions {

    private final OptionParser parser = new OptionParser();
    private final OptionSpec<String> scenario = parser.accepts("scenario",
                    "comma list of: all (standard set), steady, outage, rules, node-red (the steady load against Node-RED doing the"
                    + " same job), fan-out (the steady load, each purchase also to Mixpanel and Slack: four destinations),"
                    + " ceiling (the harness without umhub), floor (umhub's HTTP front alone: a route that answers 202"
                    + " and stores nothing)")
            .withRequiredArg().defaultsTo("all");
    private final OptionSpec<String> mode = parser.accepts("mode", "closed or open loop, for steady/outage/ceiling/floor")
            .withRequiredArg().defaultsTo("closed");
    private final OptionSpec<Double> rate = parser.accepts("rate", "open-loop events/s").withRequiredArg()
            .ofType(Double.class).defaultsTo(1000.0);
    private final OptionSpec<Integer> connections = parser.accepts("connections", "keep-alive connections")
            .withRequiredArg().ofType(Integer.class).defaultsTo(32);
    private final OptionSpec<String> duration = parser.accepts("duration", "measured load per scenario")
            .withRequiredArg().defaultsTo("60s");
    private final OptionSpec<String> warmup = parser.accepts("warmup", "load before measuring (JIT, pools)")
            .withRequiredArg().defaultsTo("10s");
    private final OptionSpec<Double> outageRate = parser.accepts("outage-rate", "open-loop events/s of the outage "
            + "scenario in the standard set").withRequiredArg().ofType(Double.class).defaultsTo(100.0);
    private final OptionSpec<String> outage = parser.accepts("outage", "how long the destination answers 503")
            .withRequiredArg().defaultsTo("30s");
    private final OptionSpec<String> outageAt = parser.accepts("outage-at", "when the outage starts, into the load")
            .withRequiredArg().defaultsTo("10s");
    private final OptionSpec<String> outageOf = parser.accepts("outage-destination", "hubspot or ga4")
            .withRequiredArg().defaultsTo(Ledger.HUBSPOT);
    private final OptionSpec<String> retryBackoff = parser.accepts("retry-backoff", "umhub's retry waits in the "
                    + "outage scenario (its default starts at 10s then 1m, which would measure the schedule, not umhub)")
            .withRequiredArg().defaultsTo("1s,2s,4s,8s,15s,15s,15s,15s,15s,15s,15s,15s");
    private final OptionSpec<Integer> workers = parser.accepts("workers", "umhub's workers per destination "
            + "(umhub.destinations.*.workers; umhub's default when absent)").withRequiredArg().ofType(Integer.class);
    private final OptionSpec<String> jvmOpts = parser.accepts("jvm-opts", "extra options for umhub's JVM, e.g. "
            + "\"-Xmx256m\" (bin/umhub's JAVA_OPTS: they come after its defaults and win)")
            .withRequiredArg().defaultsTo("");
    private final OptionSpec<Void> plainJar = parser.accepts("plain-jar", "start umhub with a bare java -jar "
            + "target/umhub-exec.jar (the JVM's defaults, no class data archive) instead of bin/umhub, to compare");
    private final OptionSpec<String> umhubOption = parser.accepts("umhub-option",
            "extra umhub option name=value (repeatable), e.g. logging.level.dev.umhub=WARN").withRequiredArg();
    private final OptionSpec<Integer> runs = parser.accepts("runs", "run each load scenario this many times")
            .withRequiredArg().ofType(Integer.class).defaultsTo(1);
    private final OptionSpec<String> drainIdle = parser.accepts("drain-idle", "after the load, stop waiting for the "
            + "backlog when no delivery arrived for this long").withRequiredArg().defaultsTo("45s");
    private final OptionSpec<String> drainTimeout = parser.accepts("drain-timeout", "after the load, wait at most "
            + "this long for the backlog").withRequiredArg().defaultsTo("180s");
    private final OptionSpec<String> work = parser.accepts("work", "folder for stores, logs and reports")
            .withRequiredArg();
    private final OptionSpec<String> project = parser.accepts("project", "the umhub checkout").withRequiredArg()
            .defaultsTo(".");
    private final OptionSpec<Void> smoke = parser.accepts("smoke", "a short run of every scenario that fails when "
            + "the harness or umhub is broken (CI); one umhub for all");
    private final OptionSpec<Void> keepStore = parser.accepts("keep-store", "keep each umhub's H2 files after its "
            + "scenario (by default they are deleted: a standard run writes tens of GB)");
    private final OptionSpec<Void> help = parser.accepts("help").forHelp();

    private final OptionSet set;

    public BenchOptions(String... args) {
        this.set = parser.parse(args);
    }

    public boolean help() {
        return set.has(help);
    }

    public void printHelp(OutputStream out) throws IOException {
        parser.printHelpOn(out);
    }

    public boolean keepStore() {
        return set.has(keepStore);
    }

    public boolean smoke() {
        return set.has(smoke);
    }

    /** The load scenarios to run, in order, each repeated --runs times. */
    public List<Scenario> scenarios() {
        List<String> kinds = kinds();
        Duration d = smoke() && !set.has(duration) ? Duration.ofSeconds(3) : duration(duration);
        Duration w = smoke() && !set.has(warmup) ? Duration.ZERO : duration(warmup);
        int c = smoke() && !set.has(connections) ? 4 : set.valueOf(connections);
        double r = smoke() && !set.has(rate) ? 50 : set.valueOf(rate);
        double open = "open".equals(set.valueOf(mode)) ? r : 0;
        Duration down = smoke() && !set.has(outage) ? Duration.ofSeconds(2) : duration(outage);
        Duration at = smoke() && !set.has(outageAt) ? Duration.ofMillis(500) : duration(outageAt);
        List<Scenario> out = new ArrayList<>();
        for (String k : kinds) {
            for (int i = 0; i < set.valueOf(runs); i++) {
                switch (k) {
                    case "all" -> {
                        out.add(new Scenario(Scenario.STEADY, 0, c, d, w, null, null, null));
                        if (!smoke()) { // the peer needs Node-RED from npm; CI's smoke checks umhub, not the peer
                            out.add(new Scenario(Scenario.NODE_RED, 0, c, d, w, null, null, null));
                        }
                        out.add(new Scenario(Scenario.STEADY, r, c, d, w, null, null, null));
                        double or = smoke() && !set.has(outageRate) ? r : set.valueOf(outageRate);
                        out.add(new Scenario(Scenario.OUTAGE, or, c, d, w, down, at, set.valueOf(outageOf)));
                        out.add(new Scenario(Scenario.FAN_OUT, 0, c, d, w, null, null, null));
                    }
                    case Scenario.STEADY, Scenario.CEILING, Scenario.FLOOR, Scenario.NODE_RED, Scenario.FAN_OUT ->
                            out.add(new Scenario(k, open, c, d, w, null, null, null));
                    case Scenario.OUTAGE -> out.add(new Scenario(k, open, c, d, w, down, at, set.valueOf(outageOf)));
                    case "rules" -> { }
                    default -> throw new IllegalArgumentException("unknown scenario '" + k + "'");
                }
            }
        }
        return out;
    }

    public boolean rules() {
        return kinds().contains("rules") || kinds().contains("all");
    }

    private List<String> kinds() {
        return Arrays.stream(set.valueOf(scenario).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public String retryBackoff() {
        return smoke() && !set.has(retryBackoff) ? "200ms,400ms,800ms,1s,1s,1s,1s,1s,1s,1s" : set.valueOf(retryBackoff);
    }

    /** umhub options every scenario adds to the defaults: --workers and --umhub-option. */
    public Map<String, String> umhubOptions() {
        Map<String, String> o = new LinkedHashMap<>();
        if (set.has(workers)) {
            o.put("umhub.destinations.hubspot.workers", String.valueOf(set.valueOf(workers)));
            o.put("umhub.destinations.ga4.workers", String.valueOf(set.valueOf(workers)));
        }
        for (String kv : set.valuesOf(umhubOption)) {
            int eq = kv.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("--umhub-option wants name=value, got '" + kv + "'");
            }
            o.put(kv.substring(0, eq).replaceFirst("^--", ""), kv.substring(eq + 1));
        }
        return o;
    }

    public boolean plainJar() {
        return set.has(plainJar);
    }

    public List<String> jvmOpts() {
        String s = set.valueOf(jvmOpts).trim();
        return s.isEmpty() ? List.of() : List.of(s.split("\\s+"));
    }

    public Duration drainIdle() {
        return smoke() && !set.has(drainIdle) ? Duration.ofSeconds(15) : duration(drainIdle);
    }

    public Duration drainTimeout() {
        return smoke() && !set.has(drainTimeout) ? Duration.ofSeconds(30) : duration(drainTimeout);
    }

    public Path project() {
        List<String> given = set.valuesOf(project); // bench/run passes one; a later --project wins
        return Path.of(given.get(given.size() - 1)).toAbsolutePath().normalize();
    }

    public Path work() {
        return set.has(work) ? Path.of(set.valueOf(work)).toAbsolutePath()
                : project().resolve("target/bench/" + java.time.LocalDateTime.now().withNano(0).toString().replace(':', '-'));
    }

    /** The command line, for the report. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        set.asMap().forEach((spec, values) -> {
            if (set.has(spec)) {
                String name = spec.options().iterator().next();
                parts.add(values.isEmpty() ? "--" + name : "--" + name + " " + String.join(",",
                        values.stream().map(String::valueOf).toList()));
            }
        });
        return parts.isEmpty() ? "(defaults)" : String.join(" ", parts);
    }

    private Duration duration(OptionSpec<String> spec) {
        return DurationStyle.detectAndParse(set.valueOf(spec));
    }
}

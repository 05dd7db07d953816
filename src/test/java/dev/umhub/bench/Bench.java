package dev.umhub.bench;

import dev.umhub.bench.fake.FastProviders;
import dev.umhub.bench.fake.NullHub;
import dev.umhub.bench.load.WebhookPayloads;
import dev.umhub.bench.rules.DryRunBench;
import dev.umhub.bench.rules.RuleBench;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * bench/run's entry point: starts the fake providers, then for each scenario a umhub (fresh store, so each column
 * starts from the same state; one shared umhub in --smoke, to stay short), runs it, and prints one table with a
 * column per scenario, the rule benchmark and where the figures stand against umhub's targets.
 * Exits 1 when an event was lost or the harness broke, never because a target was missed: targets are goals.
 */
public final class Bench {

    private static final FastProviders.Credentials CREDENTIALS =
            new FastProviders.Credentials("bench-hubspot-token", "G-BENCH", "bench-api-secret");

    /** Set when main ends on its own; a shutdown before that came from a signal. */
    private static final java.util.concurrent.atomic.AtomicBoolean DONE = new java.util.concurrent.atomic.AtomicBoolean();

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions o = new BenchOptions(args);
        if (o.help()) {
            o.printHelp(System.out);
            return;
        }
        boolean ok;
        try {
            ok = run(o, System.out);
        } finally {
            DONE.set(true);
        }
        System.exit(ok ? 0 : 1);
    }

    static boolean run(BenchOptions o, PrintStream out) throws Exception {
        // Ctrl-C or a kill of the harness must not leave umhub (or a JMH fork) running
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!DONE.get()) {
                System.err.println("bench: stopped by a signal before the end; stopping umhub");
            }
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
        }));
        // the JDK server waits for delayed ACKs without this; real providers do not make umhub wait like that
        System.setProperty("sun.net.httpserver.nodelay", "true");
        System.setProperty("umhub.project", o.project().toString());
        Path work = o.work();
        Files.createDirectories(work);
        out.println("bench: " + o.describe() + "; logs in " + work);
        String token = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        List<Column> columns = new ArrayList<>();
        List<Double> startups = new ArrayList<>();
        try (FastProviders fake = new FastProviders(CREDENTIALS)) {
            ScenarioRunner runner = new ScenarioRunner(fake, o.drainIdle(), o.drainTimeout(), token);
            UmhubProcess shared = null;
            boolean dryRunMeasured = false;
            int n = 0;
            try {
                for (Scenario s : o.scenarios()) {
                    n++;
                    out.println("bench: " + s.label() + " ...");
                    if (Scenario.CEILING.equals(s.kind())) {
                        try (NullHub hub = new NullHub()) {
                            columns.add(runner.ceiling(s, URI.create(hub.baseUrl() + "/webhooks/ultimate-multisite/"
                                    + WebhookPayloads.SLUG)));
                        }
                        continue;
                    }
                    if (Scenario.FLOOR.equals(s.kind())) {
                        UmhubProcess umhub = start(o, fake, work.resolve("umhub-" + n), s, startups);
                        try {
                            Column c = runner.floor(s, umhub.addFloorRoute(Duration.ofSeconds(30)), umhub.pid());
                            c.row("log", work.relativize(umhub.log()).toString());
                            columns.add(c);
                        } finally {
                            stop(umhub, o);
                        }
                        continue;
                    }
                    if (Scenario.NODE_RED.equals(s.kind())) {
                        try (NodeRedProcess red = NodeRedProcess.start(o.project(), work.resolve("node-red-" + n), fake,
                                CREDENTIALS)) {
                            Column c = runner.run(s, red);
                            c.row("log", work.relativize(red.log()).toString());
                            columns.add(c);
                        }
                        continue;
                    }
                    UmhubProcess umhub = shared;
                    if (umhub == null) {
                        umhub = start(o, fake, work.resolve("umhub-" + n), s, startups);
                    }
                    try {
                        Column c = runner.run(s, umhub);
                        if (!dryRunMeasured && !Scenario.FAN_OUT.equals(s.kind())) {
                            // on the events this load recorded, while umhub still holds them
                            DryRunBench.measure(umhub, o.smoke() ? 1_000 : 10_000, c);
                            dryRunMeasured = true;
                        }
                        c.row("start-up to ready, s", String.format("%.1f (Spring: %.1f)", umhub.startupSeconds(),
                                umhub.springStartupSeconds()));
                        c.row("log", work.relativize(umhub.log()).toString());
                        columns.add(c);
                    } finally {
                        if (o.smoke()) {
                            shared = umhub;
                        } else {
                            stop(umhub, o);
                        }
                    }
                }
            } finally {
                if (shared != null) {
                    stop(shared, o);
                }
            }
        }
        Map<String, RuleBench.Score> rules = new LinkedHashMap<>();
        if (o.rules()) {
            out.println("bench: rule decision benchmark (JMH) ...");
            rules = RuleBench.run(work.resolve("jmh.txt"), o.smoke());
        }
        Report.print(out, ProcStats.machine(), columns, rules, startups, o.smoke());
        List<String> failures = new ArrayList<>();
        columns.forEach(c -> failures.addAll(c.failures));
        if (o.rules() && rules.size() < 2) {
            failures.add("the rule benchmark gave " + rules.size() + " of 2 results; see " + work.resolve("jmh.txt"));
        }
        if (o.smoke()) {
            for (Column c : columns) {
                String errors = c.rows.getOrDefault("webhook errors", "0");
                if (!"0".equals(errors)) {
                    failures.add(c.label + ": webhook errors in the smoke run: " + errors);
                }
                // the fakes accept everything well-formed: a dead letter means umhub sent something they refuse
                for (String d : Ledger.FAN_OUT) {
                    if (c.figures.getOrDefault("dead " + d, 0.0) > 0) {
                        failures.add(c.label + ": dead letters for " + d + " in the smoke run; see its umhub log");
                    }
                }
            }
        }
        columns.forEach(c -> c.undrained.forEach(u -> out.println("NOT DRAINED: " + u)));
        if (o.smoke()) {
            columns.forEach(c -> failures.addAll(c.undrained));
        }
        failures.forEach(f -> out.println("FAILED: " + f));
        out.println(failures.isEmpty() ? "bench: ok" : "bench: " + failures.size() + " failure(s)");
        return failures.isEmpty();
    }

    /** Stops umhub and deletes its store, unless --keep-store: a standard run would otherwise leave tens of GB. */
    private static void stop(UmhubProcess umhub, BenchOptions o) throws java.io.IOException {
        umhub.close();
        if (!o.keepStore()) {
            umhub.deleteStore();
        }
    }

    private static UmhubProcess start(BenchOptions o, FastProviders fake, Path work, Scenario s, List<Double> startups)
            throws Exception {
        UmhubProcess.copyConfig(o.project(), work);
        Map<String, String> options = UmhubProcess.options(work, fake.hubspotUrl(), fake.ga4Url(), CREDENTIALS);
        // the smoke run shares one umhub between its scenarios: it is set up for the fan-out when one comes
        boolean fanOutLater = o.smoke() && o.scenarios().stream().anyMatch(x -> Scenario.FAN_OUT.equals(x.kind()));
        boolean fanOut = Scenario.FAN_OUT.equals(s.kind()) || fanOutLater;
        if (fanOut) {
            UmhubProcess.fanOut(work, options, fake, CREDENTIALS);
        }
        if (s.hasOutage() || o.smoke()) {
            // umhub's default waits (10s, 1m, ...) would time the retry schedule, not umhub; see --retry-backoff
            for (String d : fanOut ? Ledger.FAN_OUT : Ledger.DESTINATIONS) {
                options.put("umhub.destinations." + d + ".retry-backoff", o.retryBackoff());
                // likewise the breaker's 30 s wait before its first probe would time the breaker, not the drain
                options.put("umhub.destinations." + d + ".circuit-breaker-open-for", "1s");
            }
        }
        options.putAll(o.umhubOptions());
        UmhubProcess umhub = UmhubProcess.start(o.project(), o.plainJar(), work, o.jvmOpts(), options);
        try {
            umhub.awaitReady(Duration.ofSeconds(90));
        } catch (RuntimeException e) {
            umhub.close();
            throw e;
        }
        startups.add(umhub.startupSeconds());
        return umhub;
    }
}

package dev.umhub.bench;

import dev.umhub.bench.rules.RuleBench;
import dev.umhub.bench.rules.RuleDecisionBenchmark;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints bench/run's result as Markdown, so it pastes straight into docs/performance.md: one table with a column
 * per scenario, the rule benchmark, and umhub's targets with the figure each was measured at.
 */
final class Report {

    static final double TARGET_EVENTS_PER_S = 1500;
    /** Delivered to both destinations at least this many times the peer's rate in the same run. */
    static final double TARGET_TIMES_NODE_RED = 2;
    static final double TARGET_P99_MS = 25;
    static final double TARGET_P99_RATE = 1000;
    static final double TARGET_CPU_MS_PER_EVENT = 1;
    static final double TARGET_RSS_MB = 512;
    static final double TARGET_DECISIONS_PER_S = 100_000;
    static final double TARGET_STARTUP_S = 6;

    private Report() {
    }

    static void print(PrintStream out, String machine, List<Column> columns, Map<String, RuleBench.Score> rules,
                      List<Double> startups, boolean smoke) {
        out.println();
        out.println("Machine: " + machine);
        if (smoke) {
            out.println("Smoke run: a few seconds each, no JIT warm-up, JMH in-process; it checks that everything works."
                    + " Its figures are not measurements.");
        }
        if (!columns.isEmpty()) {
            out.println();
            table(out, columns);
        }
        if (!rules.isEmpty()) {
            out.println();
            out.println("| rule decision, 1 thread (JMH) | decisions/s |");
            out.println("|---|---|");
            rules.forEach((name, s) -> out.printf("| %s | %,.0f ± %,.0f |%n", name, s.perSecond(), s.error()));
        }
        if (!smoke) { // a smoke run's figures say nothing about the targets
            out.println();
            targets(out, columns, rules, startups);
        }
    }

    private static void table(PrintStream out, List<Column> columns) {
        Set<String> names = new LinkedHashSet<>();
        columns.forEach(c -> names.addAll(c.rows.keySet()));
        List<String> header = new ArrayList<>(List.of(""));
        columns.forEach(c -> header.add(c.label));
        List<List<String>> lines = new ArrayList<>();
        for (String name : names) {
            List<String> line = new ArrayList<>(List.of(name));
            columns.forEach(c -> line.add(c.rows.getOrDefault(name, "")));
            lines.add(line);
        }
        int[] width = new int[header.size()];
        for (List<String> l : concat(header, lines)) {
            for (int i = 0; i < l.size(); i++) {
                width[i] = Math.max(width[i], l.get(i).length());
            }
        }
        printLine(out, header, width);
        StringBuilder rule = new StringBuilder("|");
        for (int w : width) {
            rule.append("-".repeat(w + 2)).append('|');
        }
        out.println(rule);
        lines.forEach(l -> printLine(out, l, width));
    }

    private static List<List<String>> concat(List<String> header, List<List<String>> lines) {
        List<List<String>> all = new ArrayList<>(lines);
        all.add(header);
        return all;
    }

    private static void printLine(PrintStream out, List<String> cells, int[] width) {
        StringBuilder b = new StringBuilder("|");
        for (int i = 0; i < cells.size(); i++) {
            b.append(' ').append(cells.get(i)).append(" ".repeat(width[i] - cells.get(i).length())).append(" |");
        }
        out.println(b);
    }

    private static final double TARGET_DRY_RUN_S = 30;

    private static void targets(PrintStream out, List<Column> columns, Map<String, RuleBench.Score> rules,
                                List<Double> startups) {
        out.println("| target | measured | verdict |");
        out.println("|---|---|---|");
        double best = -1;
        double peer = -1;
        String where = "";
        Double p99 = null;
        double rss = -1;
        double cpu = -1;
        for (Column c : columns) {
            Map<String, Double> f = c.figures;
            if (!f.containsKey("delivered/s ga4")) {
                continue;
            }
            double toBoth = Math.min(f.get("accepted/s"), Math.min(f.get("delivered/s hubspot"), f.get("delivered/s ga4")));
            if (c.label.startsWith("Node-RED")) {
                peer = Math.max(peer, toBoth);
                continue;
            }
            if (c.label.startsWith(Scenario.STEADY)) {
                if (toBoth > best) {
                    best = toBoth;
                    where = c.label;
                }
                if (f.get("rate") == TARGET_P99_RATE && (p99 == null || f.get("ack p99 ms") > p99)) {
                    p99 = f.get("ack p99 ms");
                }
                cpu = Math.max(cpu, f.getOrDefault("cpu ms/event", -1.0));
            }
            rss = Math.max(rss, f.getOrDefault("peak RSS MB", -1.0));
        }
        target(out, "≥ 1,500 events/s accepted and delivered to both destinations",
                best < 0 ? null : String.format("%,.0f/s (%s; the least of accepted, HubSpot, GA4)", best, where),
                best >= TARGET_EVENTS_PER_S);
        target(out, "delivered to both ≥ 2 × Node-RED's rate in the same run",
                best < 0 || peer <= 0 ? null : String.format("%,.0f/s against %,.0f/s: %.2f ×", best, peer, best / peer),
                best >= TARGET_TIMES_NODE_RED * peer);
        target(out, "p99 ack ≤ 25 ms at 1,000 events/s open loop",
                p99 == null ? null : String.format("%.1f ms (worst run)", p99), p99 != null && p99 <= TARGET_P99_MS);
        target(out, "CPU per event ≤ 1 ms (accept and both deliveries)",
                cpu < 0 ? null : String.format("%.2f ms (worst steady run)", cpu), cpu >= 0 && cpu <= TARGET_CPU_MS_PER_EVENT);
        target(out, "peak RSS ≤ 512 MB", rss < 0 ? null : String.format("%.0f MB (worst run)", rss), rss <= TARGET_RSS_MB);
        RuleBench.Score gen = rules.get(RuleDecisionBenchmark.GENERATED_200);
        target(out, "≥ 100,000 rule decisions/s on one thread with 200 rules",
                gen == null ? null : String.format("%,.0f/s", gen.perSecond()),
                gen != null && gen.perSecond() >= TARGET_DECISIONS_PER_S);
        double dryRun = columns.stream().mapToDouble(c -> c.figures.getOrDefault("dry run s", -1.0)).max().orElse(-1);
        target(out, "rules dry run over 10,000 recorded events with 200 rules < 30 s",
                dryRun < 0 ? null : String.format("%.1f s", dryRun), dryRun >= 0 && dryRun < TARGET_DRY_RUN_S);
        double slowest = startups.stream().mapToDouble(Double::doubleValue).max().orElse(-1);
        target(out, "start-up ≤ 6 s", slowest < 0 ? null : String.format("%.1f s (slowest of %d)", slowest,
                startups.size()), slowest <= TARGET_STARTUP_S);
    }

    private static void target(PrintStream out, String target, String measured, boolean met) {
        out.printf("| %s | %s | %s |%n", target, measured == null ? "not measured in this run" : measured,
                measured == null ? "-" : met ? "met" : "MISSED");
    }
}

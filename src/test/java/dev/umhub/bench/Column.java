package dev.umhub.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scenario's results: the rows it prints (label to text), the raw figures the targets are checked against,
 * the failures that make bench/run exit non-zero (lost events, a load that got nothing accepted), and the backlog
 * it gave up waiting for (which fails only the smoke run: a full run may simply be slower than the wait).
 */
public final class Column {

    public final String label;
    public final Map<String, String> rows = new LinkedHashMap<>();
    public final Map<String, Double> figures = new LinkedHashMap<>();
    public final List<String> failures = new ArrayList<>();
    /** Backlog the harness stopped waiting for: not lost, but the books could not be closed. */
    public final List<String> undrained = new ArrayList<>();

    public Column(String label) {
        this.label = label;
    }

    public Column row(String name, String value) {
        rows.put(name, value);
        return this;
    }

    public Column figure(String name, double value) {
        figures.put(name, value);
        return this;
    }

    public Column undrained(String what) {
        undrained.add(label + ": " + what);
        return this;
    }

    public Column fail(String why) {
        failures.add(label + ": " + why);
        return this;
    }
}

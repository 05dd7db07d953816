package dev.umhub.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The counters of one meter name by the values of one or two tags. Each combination is registered once and found
 * again without allocating or locking: they are incremented for every event and every delivery.
 *
 * <p>A tag takes a bounded number of distinct values (per value of the first tag, for the second); later ones are
 * counted under {@value #OTHER}. Most values come from umhub's code or configuration (event types, rule names,
 * destinations), but not all (an envelope's {@code source} is its sender's), and a scrape must not grow without
 * bound whatever the senders do. A value past the bound takes the slow path each time, a lock: only a sender making
 * up new values would see it.
 */
final class TaggedCounters {

    /** Where values past the bound are counted. */
    static final String OTHER = "other";
    /** What a missing value is counted as. */
    static final String UNKNOWN = "unknown";

    private final MeterRegistry registry;
    private final String name;
    private final String description;
    private final String firstTag;
    /** Null for counters of one tag. */
    private final String secondTag;
    private final int maxFirst;
    private final int maxSecond;
    private final Map<String, Map<String, Counter>> counters = new ConcurrentHashMap<>();

    /** Counters by one tag. */
    TaggedCounters(MeterRegistry registry, String name, String description, String tag, int maxValues) {
        this(registry, name, description, tag, maxValues, null, 1);
    }

    /** Counters by two tags, each with its bound on distinct values. */
    TaggedCounters(MeterRegistry registry, String name, String description, String firstTag, int maxFirst,
                   String secondTag, int maxSecond) {
        this.registry = registry;
        this.name = name;
        this.description = description;
        this.firstTag = firstTag;
        this.secondTag = secondTag;
        this.maxFirst = maxFirst;
        this.maxSecond = maxSecond;
    }

    void increment(String value) {
        counter(value, "").increment();
    }

    void increment(String first, String second) {
        counter(first, second).increment();
    }

    private Counter counter(String first, String second) {
        Map<String, Counter> bySecond = counters.get(first == null ? UNKNOWN : first);
        Counter counter = bySecond == null ? null : bySecond.get(second == null ? UNKNOWN : second);
        return counter != null ? counter : register(first == null ? UNKNOWN : first, second == null ? UNKNOWN : second);
    }

    private synchronized Counter register(String first, String second) {
        String a = counters.containsKey(first) || counters.size() < maxFirst ? first : OTHER;
        Map<String, Counter> bySecond = counters.computeIfAbsent(a, k -> new ConcurrentHashMap<>());
        String b = bySecond.containsKey(second) || bySecond.size() < maxSecond ? second : OTHER;
        return bySecond.computeIfAbsent(b, k -> {
            Counter.Builder builder = Counter.builder(name).description(description).tag(firstTag, a);
            return (secondTag == null ? builder : builder.tag(secondTag, b)).register(registry);
        });
    }
}

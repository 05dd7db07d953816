package dev.umhub.metrics;

import dev.umhub.support.Housekeeping;
import dev.umhub.support.PeriodicTask;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The last hour of each destination's attempts, minute by minute, for the console's charts: sampled from the
 * {@code umhub.deliveries} counters every few seconds, so the hot path pays nothing more and the store is never
 * scanned for it. Kept in memory since start (a restart begins a new hour), as a dashboard over Prometheus would
 * show across restarts.
 */
public class DeliveryMinutes extends PeriodicTask {

    /** One minute of a destination: attempts the provider took, and attempts that failed (retried or dead). */
    public record Minute(Instant minute, long delivered, long failed) {
    }

    static final int MINUTES = 60;
    private static final String DELIVERED = "delivered";

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, long[]> lastTotals = new HashMap<>();
    private final Map<String, Deque<Minute>> minutes = new HashMap<>();
    /** False for the tests' and {@link #none}'s: they are sampled when told, or never. */
    private final boolean scheduled;

    /** Samples the registry every 5 s on umhub's housekeeping thread while umhub runs. */
    public DeliveryMinutes(MeterRegistry registry, Clock clock, Housekeeping housekeeping) {
        super(housekeeping, Duration.ofSeconds(5));
        this.registry = registry;
        this.clock = clock;
        this.scheduled = true;
    }

    /** Sampled only when told ({@link #sample()}). */
    DeliveryMinutes(MeterRegistry registry, Clock clock) {
        super(null, Duration.ofSeconds(5));
        this.registry = registry;
        this.clock = clock;
        this.scheduled = false;
    }

    /** Without a meter registry: every minute empty, and {@link #sampled()} false. */
    public static DeliveryMinutes none(Clock clock) {
        return new DeliveryMinutes(null, clock);
    }

    /** Whether the minutes come from counters (false: no meter registry, nothing is counted). */
    public boolean sampled() {
        return registry != null;
    }

    @Override
    protected void runOnce() {
        sample();
    }

    @Override
    public void start() {
        if (scheduled) {
            super.start();
        }
    }

    /** Adds what the counters grew by since the last sample to the current minute of each destination. */
    synchronized void sample() {
        if (registry == null) {
            return;
        }
        Map<String, long[]> totals = new HashMap<>();
        for (Counter c : registry.find(DeliveryMeters.DELIVERIES).counters()) {
            String destination = c.getId().getTag("destination");
            long[] t = totals.computeIfAbsent(destination, d -> new long[2]);
            t[DELIVERED.equals(c.getId().getTag("outcome")) ? 0 : 1] += (long) c.count();
        }
        Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        totals.forEach((destination, now) -> {
            long[] before = lastTotals.getOrDefault(destination, new long[2]);
            add(destination, minute, Math.max(0, now[0] - before[0]), Math.max(0, now[1] - before[1]));
            lastTotals.put(destination, now);
        });
    }

    private void add(String destination, Instant minute, long delivered, long failed) {
        Deque<Minute> list = minutes.computeIfAbsent(destination, d -> new ArrayDeque<>());
        Minute last = list.peekLast();
        if (last != null && last.minute().equals(minute)) {
            list.pollLast();
            list.addLast(new Minute(minute, last.delivered() + delivered, last.failed() + failed));
        } else {
            list.addLast(new Minute(minute, delivered, failed));
        }
        Instant oldest = minute.minus(MINUTES - 1, ChronoUnit.MINUTES);
        while (!list.isEmpty() && list.peekFirst().minute().isBefore(oldest)) {
            list.pollFirst();
        }
    }

    /** The destination's last hour, one entry per minute, oldest first; minutes without attempts are zeros. */
    public synchronized List<Minute> lastHour(String destination) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        Map<Instant, Minute> known = new HashMap<>();
        minutes.getOrDefault(destination, new ArrayDeque<>()).forEach(m -> known.put(m.minute(), m));
        List<Minute> out = new ArrayList<>(MINUTES);
        for (int i = MINUTES - 1; i >= 0; i--) {
            Instant m = now.minus(i, ChronoUnit.MINUTES);
            out.add(known.getOrDefault(m, new Minute(m, 0, 0)));
        }
        return out;
    }

}

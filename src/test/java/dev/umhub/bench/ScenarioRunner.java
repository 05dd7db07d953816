package dev.umhub.bench;

import dev.umhub.bench.fake.FastProviders;
import dev.umhub.bench.load.LoadGenerator;
import dev.umhub.bench.load.WebhookPayloads;
import dev.umhub.pipeline.IntakeProcessor;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * Runs one scenario against a running umhub: a warm-up whose events are left to drain, then the measured load
 * (with the outage, if any), then a wait until every accepted event reached both providers, then the books:
 * rates, latencies, lag, what umhub holds for events the providers never saw, CPU and memory.
 */
final class ScenarioRunner {

    /** Missing deliveries looked up one by one in umhub's admin API; beyond this many they count as unknown. */
    private static final int MAX_LOOKUPS = 200;

    private final FastProviders fake;
    private final LoadGenerator load = new LoadGenerator();
    private final Duration drainIdle;
    private final Duration drainTimeout;
    private final String runToken;
    private int phases;

    ScenarioRunner(FastProviders fake, Duration drainIdle, Duration drainTimeout, String runToken) {
        this.fake = fake;
        this.drainIdle = drainIdle;
        this.drainTimeout = drainTimeout;
        this.runToken = runToken;
    }

    Column run(Scenario s, Hub umhub) throws InterruptedException, IOException {
        Column col = new Column(s.label());
        URI target = umhub.webhook(WebhookPayloads.SLUG);
        warmUp(s, target);
        fake.takeAnswers();
        Ledger ledger = ledger(s);
        fake.sink(ledger::arrived);
        long pid = umhub.pid();
        long self = ProcessHandle.current().pid();
        long allocated0 = umhub.allocatedBytes(); // scraped outside the CPU window, which it would count
        double cpu0 = ProcStats.cpuSeconds(pid);
        Map<String, ProcStats.ThreadCpu> threads0 = ProcStats.threadCpu(pid);
        double self0 = ProcStats.cpuSeconds(self);
        long[] machine0 = ProcStats.machineTicks();
        Map<String, Long> requests0 = requests(ledger);
        Outage outage = s.hasOutage() ? Outage.start(fake, s) : null;
        LoadGenerator.Report r = load.run(settings(s, target, s.duration()), ledger);
        // read again after the drain; a thread that ends during it (an idle pool's) keeps what it had used by now
        Map<String, ProcStats.ThreadCpu> threadsAtLoadEnd = ProcStats.threadCpu(pid);
        Map<String, Long> requests = requests(ledger);
        requests.replaceAll((d, n) -> n - requests0.get(d));
        double cpu = ProcStats.cpuSeconds(pid) - cpu0;
        double harness = ProcStats.cpuSeconds(self) - self0;
        long[] machine1 = ProcStats.machineTicks();
        if (outage != null) {
            outage.thread.join();
        }
        boolean drained = awaitDrain(ledger);
        // CPU from the start of the load to the end of the backlog, per event: what each accepted event cost umhub
        // in all (ingest, both deliveries, polling). Unlike rates, it barely moves when other work shares the machine.
        double perEvent = 1.0 / Math.max(1, r.accepted());
        double cpuPerEvent = (ProcStats.cpuSeconds(pid) - cpu0) * 1000 * perEvent;
        Map<String, Double> threads = ProcStats.threadCpuBetween(threads0,
                ProcStats.latest(threadsAtLoadEnd, ProcStats.threadCpu(pid)));
        threads.replaceAll((name, cpuSeconds) -> cpuSeconds * 1000 * perEvent);
        long allocated = umhub.allocatedBytes();

        describeLoad(col, s, r);
        double seconds = r.seconds();
        for (String d : ledger.destinations()) {
            long delivered = ledger.arrivalsBetween(d, r.startNanos(), r.endNanos());
            col.row("delivered events/s " + d + ", during load", rate(delivered, seconds));
            col.figure("delivered/s " + d, delivered / seconds);
        }
        col.row("provider requests/s, during load", ledger.destinations().stream()
                .map(d -> d + " " + rate(requests.get(d), seconds)).collect(Collectors.joining(" / ")));
        for (String d : ledger.destinations()) {
            Histogram lag = ledger.lag(d);
            col.row("lag to " + d + " p50 / p99 ms", ms(lag.getValueAtPercentile(50)) + " / " + ms(lag.getValueAtPercentile(99)));
        }
        long last = ledger.destinations().stream().mapToLong(ledger::lastArrival).max().orElse(-1);
        col.row("backlog drained after load, s", drained ? secs(Math.max(0, last - r.endNanos())) : "NOT DRAINED");
        if (outage != null) {
            long cleared = ledger.backlogClearedAt(s.outageOf(), outage.upNanos);
            col.row("outage backlog at recovery", ledger.backlogAt(s.outageOf(), outage.upNanos) + " events");
            col.row("outage backlog drained after recovery, s", cleared < 0 ? "NOT DRAINED" : secs(cleared - outage.upNanos));
            if (cleared >= 0) {
                col.figure("outage drain s", (cleared - outage.upNanos) / 1e9);
            }
        }
        account(col, ledger, umhub);
        col.row("webhook errors", r.errorCount() == 0 ? "0" : r.errorCount() + " " + r.errors());
        col.row("provider answers", answers(fake.takeAnswers()));
        col.row("duplicates at providers", ledger.destinations().stream()
                .map(d -> d + " " + ledger.duplicates(d)).collect(Collectors.joining(", ")));
        col.row("CPU, cores", String.format("%.2f", cpu / seconds));
        col.row("CPU per event, ms (accept + its deliveries)", String.format("%.2f", cpuPerEvent));
        col.row("events/s that CPU allows on 2 idle cores", String.format("%,.0f", 2000 / cpuPerEvent));
        col.figure("cpu ms/event", cpuPerEvent);
        if (threads.containsKey(IntakeProcessor.THREAD_NAME)) {
            // the intake processor is one thread (normalised, tracked, decided, planned): the stage that limits how
            // fast events are delivered when the others leave it less than a core
            col.row("of which the intake processor, ms",
                    String.format("%.2f", threads.get(IntakeProcessor.THREAD_NAME)));
        }
        col.row("of which the busiest threads, ms", busiest(threads, 1.0));
        if (allocated0 >= 0 && allocated >= 0) {
            // the CPU window and the two scrapes around it: garbage made per event is what the collector's share
            // above costs
            double kb = (allocated - allocated0) / 1024.0 * perEvent;
            col.row("allocated per event, KB (JVM heap)", String.format("%,.0f", kb));
            col.figure("allocated KB/event", kb);
        }
        col.row("harness CPU, cores", String.format("%.2f", harness / seconds));
        col.row("machine busy (all processes)", String.format("%.0f %%",
                100.0 * (machine1[0] - machine0[0]) / Math.max(1, machine1[1] - machine0[1])));
        footprint(col, umhub, ledger.accepted());
        if (r.accepted() == 0) {
            col.fail(umhub.name() + " accepted no event");
        }
        if (r.duplicates() > 0) {
            col.fail(r.duplicates() + " unique events were answered as duplicates");
        }
        return col;
    }

    /** Closed loop whatever the scenario: it warms the JIT and pools without queueing events umhub cannot take. */
    private void warmUp(Scenario s, URI target) throws InterruptedException {
        if (!s.warmup().isZero()) {
            Ledger warm = ledger(s);
            fake.sink(warm::arrived);
            load.run(new LoadGenerator.Settings(target, s.connections(), s.warmup(), 0), warm);
            awaitDrain(warm);
        }
    }

    /** Disk and memory: the store file now, and the kernel's high-water mark of umhub's resident memory. */
    private static void footprint(Column col, Hub umhub, long accepted) throws IOException {
        long store = umhub.storeBytes();
        col.row("store on disk after the run, MB", store == 0 ? "none" : String.format("%,d (%.0f KB per accepted"
                + " event)", store >> 20, store / 1024.0 / Math.max(1, accepted)));
        long hwm = ProcStats.statusKb(umhub.pid(), "VmHWM");
        col.row("peak RSS (VmHWM), MB", String.valueOf(hwm / 1024));
        col.figure("peak RSS MB", hwm / 1024.0);
    }

    /** The harness alone: the load generator against a webhook that answers 202 at once. */
    Column ceiling(Scenario s, URI target) throws InterruptedException {
        return answerOnly(new Column(s.label() + " (no umhub)"), s, target, -1);
    }

    /**
     * umhub's HTTP front alone: the load against a route of umhub's that answers 202 at once and stores nothing
     * (Tomcat, umhub's filters, Spring MVC and Camel's platform-http): what a request costs before umhub does any
     * work of its own, the floor under the CPU per event of the other columns.
     */
    Column floor(Scenario s, URI target, long umhubPid) throws InterruptedException {
        return answerOnly(new Column(s.label() + " (a route that answers 202, nothing stored)"), s, target, umhubPid);
    }

    private Column answerOnly(Column col, Scenario s, URI target, long pid) throws InterruptedException {
        if (!s.warmup().isZero()) {
            load.run(settings(s, target, s.warmup()), ledger());
        }
        long self = ProcessHandle.current().pid();
        double self0 = ProcStats.cpuSeconds(self);
        double cpu0 = pid < 0 ? 0 : ProcStats.cpuSeconds(pid);
        Map<String, ProcStats.ThreadCpu> threads0 = pid < 0 ? Map.of() : ProcStats.threadCpu(pid);
        LoadGenerator.Report r = load.run(settings(s, target, s.duration()), ledger());
        describeLoad(col, s, r);
        col.row("webhook errors", r.errorCount() == 0 ? "0" : r.errorCount() + " " + r.errors());
        if (pid >= 0) {
            double perRequest = (ProcStats.cpuSeconds(pid) - cpu0) * 1000 / Math.max(1, r.accepted());
            col.row("CPU per request, ms", String.format("%.3f", perRequest));
            Map<String, Double> threads = ProcStats.threadCpuBetween(threads0, ProcStats.threadCpu(pid));
            col.row("of which the busiest threads, ms", busiest(threads, 1000.0 / Math.max(1, r.accepted())));
        }
        col.row("harness CPU, cores", String.format("%.2f", (ProcStats.cpuSeconds(self) - self0) / r.seconds()));
        return col;
    }

    /** The six threads that used the most CPU, each figure times {@code scale}. */
    private static String busiest(Map<String, Double> threads, double scale) {
        return threads.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(6)
                .map(t -> t.getKey() + " " + String.format("%.2f", t.getValue() * scale))
                .collect(Collectors.joining(", "));
    }

    private void describeLoad(Column col, Scenario s, LoadGenerator.Report r) {
        col.row("load", (s.openLoop() ? "open " + Math.round(s.rate()) + "/s over " + s.connections() + " conn"
                : "closed " + s.connections() + " conn") + ", " + s.duration().toSeconds() + " s"
                + (r.seconds() > s.duration().toSeconds() + 1 ? String.format(" (answers until %.0f s)", r.seconds()) : ""));
        col.row("events sent", r.sent() + (r.behind() > 0 ? " (" + r.behind() + " due but never sent)" : ""));
        col.row("accepted events/s", rate(r.accepted(), r.seconds()));
        Histogram ack = r.ackMicros();
        col.row("ack latency p50 / p99 / max ms", ms(ack.getValueAtPercentile(50)) + " / "
                + ms(ack.getValueAtPercentile(99)) + " / " + ms(ack.getMaxValue()));
        col.figure("accepted/s", r.accepted() / r.seconds());
        col.figure("ack p99 ms", ack.getValueAtPercentile(99) / 1000.0);
        col.figure("rate", s.rate());
    }

    /**
     * accepted = delivered + dead-lettered, per destination. Events the fake never saw are looked up in umhub: a
     * dead letter is accounted for, a row still PENDING is backlog the wait gave up on (not drained, not lost), and
     * anything else (delivered without reaching the provider, no such event) is a lost event and fails the run.
     */
    private void account(Column col, Ledger ledger, Hub umhub) throws IOException, InterruptedException {
        for (String d : ledger.destinations()) {
            List<String> missing = ledger.missing(d);
            Map<String, String> statusById = new java.util.LinkedHashMap<>();
            for (String eventId : missing.subList(0, Math.min(missing.size(), MAX_LOOKUPS))) {
                statusById.put(eventId, umhub.deliveryStatus(eventId, d));
            }
            // umhub may deliver some while we look (a backlog we stopped waiting for): those count as pending, not
            // lost. Its DELIVERED comes only after the provider answered, so by now the fake has them.
            java.util.Set<String> stillMissing = new java.util.HashSet<>(ledger.missing(d));
            Map<String, Integer> statuses = new TreeMap<>();
            statusById.forEach((id, status) -> statuses.merge(stillMissing.contains(id) ? status : "PENDING", 1,
                    Integer::sum));
            int dead = statuses.getOrDefault("DEAD", 0);
            int pending = statuses.getOrDefault("PENDING", 0);
            long unchecked = missing.size() - statuses.values().stream().mapToInt(Integer::intValue).sum();
            long lost = missing.size() - dead - pending - unchecked;
            String balance = ledger.accepted() + " = " + ledger.delivered(d) + " + " + dead;
            if (lost > 0 && !umhub.keepsEvents()) {
                balance += "  LOST " + lost + " (" + umhub.name() + " keeps nothing)";
            } else if (lost > 0) {
                balance += "  LOST " + lost + " " + statuses;
                col.fail(lost + " accepted events never reached " + d + " and are neither pending nor dead: " + statuses);
            } else if (pending + unchecked > 0) {
                balance += "  NOT DRAINED: " + pending + " still pending"
                        + (unchecked > 0 ? ", " + unchecked + " more not looked up (of " + MAX_LOOKUPS + ": " + statuses + ")" : "");
                col.undrained((pending + unchecked) + " accepted events neither delivered to " + d + " nor known dead");
            } else {
                balance += "  ok";
            }
            col.row("accepted = delivered + dead, " + d, balance);
            col.figure("dead " + d, dead);
            long unacked = ledger.unacknowledgedDeliveries(d);
            if (unacked > 0) {
                col.row("delivered without a 202 seen, " + d, String.valueOf(unacked));
            }
        }
    }

    /**
     * Waits until every accepted event reached every provider; gives up when nothing arrived for drainIdle or the
     * whole wait took drainTimeout.
     */
    private boolean awaitDrain(Ledger ledger) throws InterruptedException {
        long lastCount = -1;
        long lastProgress = System.nanoTime();
        long deadline = lastProgress + drainTimeout.toNanos();
        while (!ledger.drained()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            long count = ledger.destinations().stream().mapToLong(ledger::delivered).sum();
            if (count != lastCount) {
                lastCount = count;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > drainIdle.toNanos()) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    private Ledger ledger() {
        return new Ledger(new WebhookPayloads(runToken + "p" + (++phases)));
    }

    /** The books of a scenario: its destinations (four for the fan-out, else HubSpot and GA4). */
    private Ledger ledger(Scenario s) {
        return new Ledger(new WebhookPayloads(runToken + "p" + (++phases)), s.destinations());
    }

    private Map<String, Long> requests(Ledger ledger) {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        ledger.destinations().forEach(d -> out.put(d, fake.requests(d)));
        return out;
    }

    private static LoadGenerator.Settings settings(Scenario s, URI target, Duration d) {
        return new LoadGenerator.Settings(target, s.connections(), d, s.rate());
    }

    private static String answers(Map<String, Long> answers) {
        return answers.entrySet().stream().map(e -> e.getKey() + "×" + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String rate(long count, double seconds) {
        return String.format("%,.0f", count / seconds);
    }

    private static String ms(long micros) {
        return micros >= 100_000 ? String.format("%,.0f", micros / 1000.0) : String.format("%.1f", micros / 1000.0);
    }

    private static String secs(long nanos) {
        return String.format("%.1f", nanos / 1e9);
    }

    /** Takes a destination down at outageAt into the load and brings it back after outage. */
    private static final class Outage {
        final Thread thread;
        volatile long downNanos;
        volatile long upNanos;

        private Outage(FastProviders fake, Scenario s) {
            thread = new Thread(() -> {
                try {
                    Thread.sleep(s.outageAt().toMillis());
                    fake.down(s.outageOf(), true);
                    downNanos = System.nanoTime();
                    Thread.sleep(s.outage().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    fake.down(s.outageOf(), false);
                    upNanos = System.nanoTime();
                }
            }, "outage");
        }

        static Outage start(FastProviders fake, Scenario s) {
            Outage o = new Outage(fake, s);
            o.thread.start();
            return o;
        }
    }
}

package dev.umhub.delivery;

import dev.umhub.connector.BatchingConnector;
import dev.umhub.connector.Connector;
import dev.umhub.store.DeliveryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One destination's own workers and poller, so a slow or failing provider only ever holds up its own lane. The
 * poller claims due rows up to the number of idle workers (times the batch size where the provider takes batches), as far as the lane's guards allow (429 pause, circuit
 * breaker, rate limit); it wakes on new work, on a finished attempt, and every poll interval for retries that came
 * due. Rows of one customer are handed out one at a time, in event order (see {@link DeliveryStore#dueIds}).
 */
final class DeliveryLane {

    private static final Logger log = LoggerFactory.getLogger(DeliveryLane.class);

    private final Connector connector;
    private final DeliveryStore store;
    private final DeliveryAttempter attempter;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration lease;
    private final String owner;
    private final int capacity;
    private final ExecutorService workers;
    private final Semaphore wakeups = new Semaphore(0);
    private final AtomicInteger busy = new AtomicInteger();
    /** Rows whose call is running now: their claims are renewed until it ends (see DeliveryLanes). */
    private final java.util.Set<String> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;
    private final Thread poller;
    private final LaneGuards guards;

    DeliveryLane(Connector connector, DeliveryStore store, DeliveryAttempter attempter, Clock clock,
                 Duration pollInterval, Duration lease, String owner) {
        this.connector = connector;
        this.store = store;
        this.attempter = attempter;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.lease = lease;
        this.owner = owner;
        this.capacity = Math.max(1, connector.properties().getWorkers());
        this.guards = new LaneGuards(connector.name(), connector.properties(), clock);
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(capacity,
                r -> new Thread(r, "umhub-" + connector.name() + "-" + n.incrementAndGet()));
        this.poller = new Thread(this::pollLoop, "umhub-" + connector.name() + "-poller");
        this.poller.setDaemon(true);
        this.poller.start();
    }

    void wake() {
        wakeups.release();
    }

    private void pollLoop() {
        while (running) {
            try {
                wakeups.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                wakeups.drainPermits();
                if (running) {
                    fill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("{} lane could not read the outbox: {}", connector.name(), e.getMessage());
            }
        }
    }

    private void fill() {
        int idle = capacity - busy.get();
        if (idle <= 0 || !guards.mayStart()) {
            return; // busy, paused or breaker open: no need to read the outbox
        }
        int perRequest = connector instanceof BatchingConnector b ? b.batchSize() : 1;
        Instant now = clock.instant();
        List<String> due = store.dueIds(connector.name(), now, idle * perRequest);
        int requests = (due.size() + perRequest - 1) / perRequest;
        int allowed = 0;
        while (allowed < requests && guards.tryStart()) {
            allowed++; // else paused, breaker open or rate limit reached: the rows wait in the outbox
        }
        if (allowed == 0) {
            return;
        }
        List<String> claimed = store.claimAll(due.subList(0, Math.min(due.size(), allowed * perRequest)), owner, now,
                now.plus(lease));
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < claimed.size(); i += perRequest) {
            batches.add(claimed.subList(i, Math.min(claimed.size(), i + perRequest)));
        }
        for (int unused = batches.size(); unused < allowed; unused++) {
            guards.abandoned(); // another instance or an earlier poll took rows meanwhile
        }
        for (List<String> batch : batches) {
            busy.incrementAndGet();
            workers.execute(() -> attempt(batch));
        }
    }

    private void attempt(List<String> ids) {
        inFlight.addAll(ids);
        try {
            (connector instanceof BatchingConnector b ? attempter.attemptBatch(b, ids, owner)
                    : attempter.attempt(connector, ids.get(0), owner)).ifPresentOrElse(
                    r -> guards.completed(r.result(), r.httpStatus(), r.took()), guards::abandoned);
        } catch (RuntimeException e) {
            // the claims' lease runs out and the rows come back: nothing is lost
            guards.abandoned();
            log.error("{} delivery of {} failed unexpectedly: {}", connector.name(), ids, e.toString());
        } finally {
            inFlight.removeAll(ids);
            busy.decrementAndGet();
            wake();
        }
    }

    /** Ids of the rows whose call is running now. */
    java.util.Set<String> inFlight() {
        return inFlight;
    }

    /** The lane's state for the admin API. */
    java.util.Map<String, Object> status() {
        java.util.Map<String, Object> s = new java.util.LinkedHashMap<>(guards.status());
        s.put("workers", capacity);
        s.put("inFlight", busy.get());
        return s;
    }

    /** Stops taking work; in-flight attempts get until the deadline. True when they all finished. */
    boolean stop(Instant deadline) {
        running = false;
        wake();
        workers.shutdown();
        try {
            long wait = Math.max(0, java.time.Duration.between(clock.instant(), deadline).toMillis());
            if (workers.awaitTermination(wait, TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
        return false;
    }
}

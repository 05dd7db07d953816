package dev.umhub.delivery;

import dev.umhub.connector.BatchingConnector;
import dev.umhub.connector.Connector;
import dev.umhub.store.Delivery;
import dev.umhub.store.DeliveryStatus;
import dev.umhub.store.DeliveryStore;
import dev.umhub.support.Wakeup;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One destination's own poller and senders, so a slow or failing provider only ever holds up its own lane.
 *
 * <p>The poller claims due rows in one statement, as many as the lane has room for in flight
 * ({@code max-in-flight} requests, times the batch size where the provider takes batches), groups them into requests
 * and hands each to a sender, as far as the lane's guards allow (429 pause, circuit breaker, rate limit). A sender
 * only starts the call: on a non-blocking route (the shipped ones use {@code vertx-http}) it is free again at once
 * and the answer comes back on the HTTP client's thread, so a few senders keep many requests in flight; on a blocking
 * route each sender waits for its call, as a worker thread would. Answers are queued and the poller records them
 * many at a time. It wakes on new work, on an answer, and every poll interval for retries that came due. Rows of one
 * customer go out one request at a time, in event order (see {@link DeliveryStore#dueRuns}).
 */
final class DeliveryLane {

    private static final Logger log = LoggerFactory.getLogger(DeliveryLane.class);
    /**
     * Due rows (customers, where a destination batches per customer) read per poll at most, whatever the room: a
     * poll's statements stay short next to the processor's.
     */
    private static final int MAX_HEADS_PER_POLL = 1_000;

    private final Connector connector;
    private final DeliveryStore store;
    private final DeliveryAttempter attempter;
    private final AttemptRecorder recorder;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration lease;
    private final String owner;
    private final int senders;
    private final int maxInFlight;
    private final ExecutorService senderThreads;
    private final Wakeup wakeup = new Wakeup();
    private final AtomicInteger requestsInFlight = new AtomicInteger();
    /** Rows whose call is running now: their claims are renewed until it ends (see DeliveryLanes). */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    /** Requests that were answered, waiting for the poller to record them. */
    private final Queue<DeliveryAttempter.Done> answered = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;
    private final Thread poller;
    private final LaneGuards guards;

    DeliveryLane(Connector connector, DeliveryStore store, DeliveryAttempter attempter, AttemptRecorder recorder,
                 Clock clock, Duration pollInterval, Duration lease, String owner) {
        this.connector = connector;
        this.store = store;
        this.attempter = attempter;
        this.recorder = recorder;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.lease = lease;
        this.owner = owner;
        this.senders = Math.max(1, connector.properties().getWorkers());
        this.maxInFlight = Math.max(senders, connector.properties().getMaxInFlight());
        this.guards = new LaneGuards(connector.name(), connector.properties(), clock);
        AtomicInteger n = new AtomicInteger();
        this.senderThreads = Executors.newFixedThreadPool(senders,
                r -> new Thread(r, "umhub-" + connector.name() + "-" + n.incrementAndGet()));
        this.poller = new Thread(this::pollLoop, "umhub-" + connector.name() + "-poller");
        this.poller.setDaemon(true);
        this.poller.start();
    }

    void wake() {
        wakeup.wake();
    }

    private void pollLoop() {
        while (running) {
            try {
                wakeup.await(pollInterval);
                recordAnswers();
                if (running) {
                    fill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("{} lane could not read or write the outbox: {}", connector.name(), e.getMessage());
            }
        }
    }

    /** Records every answer that came in since the last time, in as few transactions as the recorder allows. */
    private void recordAnswers() {
        List<DeliveryAttempter.Sent> sent = new ArrayList<>();
        for (DeliveryAttempter.Done done; (done = answered.poll()) != null; ) {
            sent.addAll(done.sent());
        }
        if (!sent.isEmpty()) {
            // if this fails, the rows stay claimed until their lease runs out and are sent again: at least once
            recorder.record(connector, owner, sent);
        }
    }

    private void fill() {
        int room = Math.min(maxInFlight - requestsInFlight.get(), guards.callsAllowedNow());
        if (room <= 0 || !guards.mayStart()) {
            return; // full, rate limit reached, paused or breaker open: no need to read the outbox
        }
        Instant now = clock.instant();
        BatchingConnector batching = connector instanceof BatchingConnector b && b.batchSize() > 1 ? b : null;
        boolean perCustomer = batching != null && batching.batchesPerCustomer();
        int rowsPerRequest = batching == null || perCustomer ? 1 : batching.batchSize();
        List<List<String>> runs = store.dueRuns(connector.name(), now, Math.min(room * rowsPerRequest,
                MAX_HEADS_PER_POLL), perCustomer ? batching.batchSize() : 1);
        if (runs.isEmpty()) {
            return;
        }
        List<String> giveBack = new ArrayList<>();
        List<String> claimed = claimRuns(runs, now, giveBack);
        if (connector.skipsUnchanged()) {
            store.skipUnchanged(claimed, owner, now); // those are no longer pending: left out below
        }
        List<Delivery> rows = store.findRows(claimed).stream().filter(d -> d.status() == DeliveryStatus.PENDING).toList();
        for (DeliveryAttempter.Request request : attempter.requests(connector, rows, giveBack)) {
            if (!running || requestsInFlight.get() >= maxInFlight || !guards.tryStart()) {
                giveBack.addAll(request.ids()); // paused, breaker open or rate limit reached meanwhile: they wait
                continue;
            }
            requestsInFlight.incrementAndGet();
            inFlight.addAll(request.ids());
            try {
                senderThreads.execute(() -> start(request));
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                ended(request, null, stopping); // the lane is stopping: the claims are released with the rest
            }
        }
        store.releaseClaims(giveBack, owner); // one statement for all a poll did not send
    }

    /**
     * Claims the runs' rows and keeps of each run only what starts with its first row and goes on unbroken: another
     * instance may have taken a row since the runs were read, and a customer's later rows must not go without it.
     */
    private List<String> claimRuns(List<List<String>> runs, Instant now, List<String> giveBack) {
        Set<String> got = new java.util.HashSet<>(store.claimAll(runs.stream().flatMap(List::stream).toList(), owner,
                now, now.plus(lease)));
        List<String> kept = new ArrayList<>();
        for (List<String> run : runs) {
            boolean unbroken = true;
            for (String id : run) {
                unbroken &= got.contains(id);
                if (unbroken) {
                    kept.add(id);
                } else if (got.contains(id)) {
                    giveBack.add(id);
                }
            }
        }
        return kept;
    }

    private void start(DeliveryAttempter.Request request) {
        try {
            attempter.send(connector, request, owner, senderThreads)
                    .whenComplete((done, failure) -> ended(request, done, failure));
        } catch (RuntimeException e) {
            ended(request, null, e);
        }
    }

    private void ended(DeliveryAttempter.Request request, DeliveryAttempter.Done done, Throwable failure) {
        try {
            if (done != null) {
                answered.add(done);
                DeliveryAttempter.Report r = done.report();
                guards.completed(r.result(), r.httpStatus(), r.took());
            } else {
                // the claims' lease runs out and the rows come back: nothing is lost
                guards.abandoned();
                log.error("{} delivery of {} failed unexpectedly: {}", connector.name(), request.ids(), failure.toString());
            }
        } finally {
            request.ids().forEach(inFlight::remove);
            requestsInFlight.decrementAndGet();
            wake();
        }
    }

    /** Ids of the rows whose call is running now. */
    Set<String> inFlight() {
        return inFlight;
    }

    /** Its circuit breaker's state now (what {@link #status} shows as {@code circuitBreaker}). */
    CircuitBreaker.State breakerState() {
        return guards.breakerState();
    }

    /** The lane's state for the admin API. */
    Map<String, Object> status() {
        Map<String, Object> s = new LinkedHashMap<>(guards.status());
        s.put("workers", senders);
        s.put("maxInFlight", maxInFlight);
        s.put("inFlight", requestsInFlight.get());
        return s;
    }

    /**
     * Stops taking work; requests in flight get until the deadline, and what they answered is recorded. True when
     * they all finished.
     */
    boolean stop(Instant deadline) {
        running = false;
        wake();
        try {
            poller.join(Math.max(1, Duration.between(clock.instant(), deadline).toMillis()));
            senderThreads.shutdown();
            while (requestsInFlight.get() > 0 && clock.instant().isBefore(deadline)) {
                Thread.sleep(20);
            }
            senderThreads.awaitTermination(Math.max(0, Duration.between(clock.instant(), deadline).toMillis()),
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            recordAnswers();
        } catch (RuntimeException e) {
            log.warn("{} lane could not record its last answers: {}", connector.name(), e.getMessage());
        }
        senderThreads.shutdownNow();
        return requestsInFlight.get() == 0;
    }
}

package dev.umhub.pipeline;

import dev.umhub.rules.Decision;
import dev.umhub.store.IntakeRecord;
import dev.umhub.store.DurableCommits;
import dev.umhub.store.IntakeStore;
import dev.umhub.store.Store;
import dev.umhub.store.StoreTrouble;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.Ordered;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Processes what the intake journal holds, after the senders got their 202: normalised (or handed over already
 * normalised by the process that appended it), tracked, decided and planned, many messages in one store transaction,
 * in the order they were appended, so the events of one customer are processed in the order they arrived.
 *
 * <p>One thread: the order needs no locks, and the batch is what makes it fast. A message whose processing throws
 * (a bug, a rule that throws) is kept {@code failed} with its error, the others of its batch go on, and
 * {@code POST /api/intake/reprocess} puts it back in line; a store that cannot be reached fails nothing, the batch is
 * taken again once it is back.
 */
@Component
public class IntakeProcessor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IntakeProcessor.class);
    /** More waiting than this is a backlog the store holds anyway: those are read back from it. */
    private static final int MAX_HANDED_OVER = 20_000;

    private final IntakeStore store;
    private final IntakeReader reader;
    private final Acceptance acceptance;
    private final EventPipeline pipeline;
    private final TransactionTemplate tx;
    private final DurableCommits durable;
    private final Clock clock;
    private final PipelineProperties properties;
    private final Map<String, Item> handedOver = new ConcurrentHashMap<>();
    private final Semaphore wakeups = new Semaphore(0);
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean running;
    private Thread worker;

    public IntakeProcessor(IntakeStore store, IntakeReader reader, Acceptance acceptance, EventPipeline pipeline,
                           Store storage, DurableCommits durable, Clock clock, PipelineProperties properties) {
        this.store = store;
        this.reader = reader;
        this.acceptance = acceptance;
        this.pipeline = pipeline;
        this.tx = storage.tx();
        this.durable = durable;
        this.clock = clock;
        this.properties = properties;
    }

    /**
     * A message about to be appended, normalised, with its body: so it is neither read back from the store nor
     * parsed a second time.
     */
    void handOver(KeyedEvent keyed, String body) {
        if (handedOver.size() >= MAX_HANDED_OVER) {
            // a backlog the store holds anyway, or messages another instance sharing the store processed: read back
            handedOver.clear();
        }
        handedOver.put(keyed.idempotencyKey(), new Item(null, keyed, body));
    }

    /** The append did not happen (a duplicate, a store failure). */
    void forget(KeyedEvent keyed) {
        handedOver.remove(keyed.idempotencyKey());
    }

    /** New messages are in the journal. */
    public void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    /** Messages processed and failed since this process started. */
    public Map<String, Long> counters() {
        return Map.of("processed", processed.get(), "failed", failed.get());
    }

    private void run() {
        while (running) {
            try {
                if (processBatch() < properties.getBatchSize()) {
                    wakeups.tryAcquire(properties.getPollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeups.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the store is unreachable (a message that throws is kept failed, never here): the batch waits for it
                log.warn("Processing of the intake journal paused, will try again: {}", StoreTrouble.describe(e));
                pause();
            }
        }
    }

    /** @return how many journaled messages it took */
    int processBatch() {
        List<Item> items = new ArrayList<>();
        List<Unreadable> unreadable = new ArrayList<>();
        try {
            tx.executeWithoutResult(status -> {
                items.clear();
                unreadable.clear();
                durableBeforeDeliveries();
                for (IntakeRecord row : store.pending(properties.getBatchSize())) { // claimed: see IntakeStore
                    read(row, items, unreadable);
                }
                for (Item item : items) {
                    // what must be read from outside (the platform's REST API) is read before any entity is locked
                    acceptance.prepare(item.keyed());
                }
                Map<Long, String> eventIds = new LinkedHashMap<>();
                for (Item item : items) {
                    eventIds.put(item.row().seq(), process(item));
                }
                store.processed(eventIds, clock.instant());
                unreadable.forEach(u -> store.failed(u.row().seq(), StoreTrouble.describe(u.error()), clock.instant()));
            });
            processed.addAndGet(items.size());
            unreadable.forEach(u -> logFailure(u.row(), u.error()));
        } catch (RuntimeException batchFailed) {
            if (!store.reachable()) {
                throw batchFailed; // not the messages' fault: they stay pending
            }
            // undone as a whole: each message on its own, so that one that throws does not hold the others back
            items.forEach(this::processAlone);
            unreadable.forEach(u -> fail(u.row(), u.error()));
        }
        return items.size() + unreadable.size();
    }

    private void read(IntakeRecord row, List<Item> items, List<Unreadable> unreadable) {
        Item handed = handedOver.remove(row.idempotencyKey());
        if (handed != null) {
            items.add(new Item(row, handed.keyed(), handed.body()));
            return;
        }
        IntakeRecord whole = row.withBody(store.body(row.seq()));
        try {
            items.add(new Item(whole, reader.normalise(whole), whole.body()));
        } catch (RuntimeException e) {
            unreadable.add(new Unreadable(whole, e));
        }
    }

    private void processAlone(Item item) {
        try {
            tx.executeWithoutResult(status -> {
                if (!store.claim(item.row().seq())) {
                    return; // another instance took it meanwhile
                }
                durableBeforeDeliveries();
                store.processed(Map.of(item.row().seq(), process(item)), clock.instant());
            });
            processed.incrementAndGet();
        } catch (RuntimeException e) {
            if (!store.reachable()) {
                throw e; // not the message's fault: it stays pending
            }
            fail(item.row(), e);
        }
    }

    /**
     * The deliveries a batch plans are sent only once the batch is in the store's file: the lanes are woken after
     * commit ({@link EventPipeline}), and this runs first, so a crash cannot undo a plan whose requests went out.
     */
    private void durableBeforeDeliveries() {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public int getOrder() {
                return Ordered.HIGHEST_PRECEDENCE;
            }

            @Override
            public void afterCommit() {
                durable.awaitDurable();
            }
        });
    }

    private String process(Item item) {
        IntakeRecord m = item.row();
        IngestResult result = m.destination() == null
                ? acceptance.accept(item.keyed(), item.body())
                : pipeline.acceptAsChosen(item.keyed(), item.body(),
                        Decision.chosenBySender(m.destination(), m.action(), m.sender()));
        return result.id();
    }

    private void fail(IntakeRecord m, RuntimeException e) {
        store.failed(m.seq(), StoreTrouble.describe(e), clock.instant());
        logFailure(m, e);
    }

    private void logFailure(IntakeRecord m, RuntimeException e) {
        failed.incrementAndGet();
        log.error("Message {} ({} {}) could not be processed; it is kept, see GET /api/intake, and processed again by"
                + " POST /api/intake/{}/reprocess once the cause is fixed", m.id(), m.source(), m.origin(), m.id(), e);
    }

    private void pause() {
        try {
            Thread.sleep(properties.getPollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Item(IntakeRecord row, KeyedEvent keyed, String body) {
    }

    /** A journaled message that could not be normalised again (after a restart). */
    private record Unreadable(IntakeRecord row, RuntimeException error) {
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::run, "umhub-intake");
        worker.setDaemon(true);
        worker.start();
    }

    /** Finishes the batch in hand; what is still pending is processed at the next start. */
    @Override
    public void stop() {
        running = false;
        wake();
        try {
            worker.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the delivery lanes (so the rows it plans are taken at once), stopped before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 50;
    }
}

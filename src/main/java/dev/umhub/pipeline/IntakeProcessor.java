package dev.umhub.pipeline;

import dev.umhub.rules.Decision;
import dev.umhub.store.DurableCommits;
import dev.umhub.store.IntakeRecord;
import dev.umhub.store.IntakeStore;
import dev.umhub.store.Store;
import dev.umhub.store.StoreTrouble;
import dev.umhub.support.Wakeup;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Processes what the intake journal holds, after the senders got their 202: normalised (or handed over already
 * normalised by the door), tracked, decided and planned, many messages in one store transaction, in the order they
 * were appended, so the events of one customer are processed in the order they arrived.
 *
 * <p>One thread: the order needs no locks, and the batch is what makes it fast. (A rule that throws does not throw
 * here: its event is kept with a failed decision, see {@link EventPipeline}.) A message whose processing throws (a
 * bug) is kept {@code failed} with its error, the others of its batch go on, and
 * {@code POST /api/intake/reprocess} puts it back in line. Trouble of the store's own (down, a lock timeout, a
 * deadlock) fails nothing: the batch waits and is taken again.
 */
@Component
public class IntakeProcessor implements SmartLifecycle {

    /** The processor's thread (one per umhub): the benchmark reports its CPU by this name. */
    public static final String THREAD_NAME = "umhub-intake";

    private static final Logger log = LoggerFactory.getLogger(IntakeProcessor.class);
    /**
     * Messages handed over to the processor, measured by their bodies' characters, beyond which they are read back
     * from the store: about 1,200 {@code payment_received} webhooks (19 batches of 64 on H2, 5 of 256 on
     * PostgreSQL). A normalised event takes several times its body in the heap: 16 M characters (bodies kept too)
     * filled bin/umhub's old generation under a benchmark backlog, with full collections several times a second
     * (docs/performance.md, 2026-12-07).
     */
    private static final long MAX_HANDED_OVER_CHARS = 2L << 20;

    /**
     * Tries of one batch whose events were found known when written ({@link Journal.KnownEventsFound}); each try
     * reads the ids the last one found, so a second is rare (another instance recording the same changes meanwhile).
     */
    private static final int MAX_RETAKES = 3;

    private final IntakeStore store;
    private final Store storage;
    private final IntakeReader reader;
    private final Acceptance acceptance;
    private final EventPipeline pipeline;
    private final TransactionTemplate tx;
    private final DurableCommits durable;
    private final Clock clock;
    private final PipelineProperties properties;
    private final int batchSize;
    private final Handovers handovers = new Handovers(MAX_HANDED_OVER_CHARS);
    private final Wakeup wakeup = new Wakeup();
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean running;
    private volatile Thread worker;

    public IntakeProcessor(IntakeStore store, IntakeReader reader, Acceptance acceptance, EventPipeline pipeline,
                           Store storage, DurableCommits durable, Clock clock, PipelineProperties properties) {
        this.store = store;
        this.storage = storage;
        this.reader = reader;
        this.acceptance = acceptance;
        this.pipeline = pipeline;
        this.tx = storage.tx();
        this.durable = durable;
        this.clock = clock;
        this.properties = properties;
        this.batchSize = properties.batchSizeFor(storage.isH2File());
    }

    /** Where the door leaves what it appends. */
    Handovers handovers() {
        return handovers;
    }

    /** New messages are in the journal. */
    public void wake() {
        wakeup.wake();
    }

    /** Messages processed and failed since this process started. */
    public Map<String, Long> counters() {
        return Map.of("processed", processed.get(), "failed", failed.get());
    }

    private void run() {
        while (running) {
            try {
                if (processBatch() < batchSize) {
                    wakeup.await(properties.getPollInterval());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) {
                // the store's trouble (a message's own is kept failed, never here), or worse: this thread must live
                log.warn("Processing of the intake journal paused, will try again: {}", StoreTrouble.describe(e));
                pause();
            }
        }
    }

    /** @return how many journaled messages it took */
    int processBatch() {
        return processBatch(MAX_RETAKES);
    }

    private int processBatch(int retakesLeft) {
        // what must be read from outside (the platform's REST API) is read first, outside any transaction
        Map<Long, Item> read = new HashMap<>();
        long readFrom = handovers.now();
        List<IntakeRecord> pending = store.pending(batchSize);
        if (pending.size() < batchSize) {
            // every message appended before this read is in it: one kept from before and not taken is another
            // instance's (or its append failed after all), and no longer waits for this processor
            handovers.dropKeptBefore(readFrom);
        }
        // what the door handed over is taken; the rest is read back from the store together
        Map<Long, Handovers.Handed> handed = new HashMap<>();
        List<Long> readBack = new ArrayList<>();
        for (IntakeRecord row : pending) {
            Handovers.Handed h = handovers.take(row.idempotencyKey());
            if (h != null) {
                handed.put(row.seq(), h);
            } else {
                readBack.add(row.seq());
            }
        }
        Map<Long, String> bodies = readBack.isEmpty() ? Map.of() : store.bodies(readBack);
        for (IntakeRecord row : pending) {
            Item item = read(row, handed.get(row.seq()), bodies.get(row.seq()));
            read.put(row.seq(), item);
            if (item.keyed() != null && row.destination() == null) { // a sender's chosen delivery is not tracked
                acceptance.prepare(item.keyed());
            }
        }
        if (read.isEmpty()) {
            return 0;
        }
        List<Item> taken = new ArrayList<>();
        try {
            tx.executeWithoutResult(status -> {
                durableBeforeDeliveries();
                for (IntakeRecord row : store.pending(batchSize)) { // claimed: see IntakeStore
                    Item item = read.get(row.seq());
                    taken.add(item == null ? read(row) : item);
                }
                acceptance.beginBatch(taken.stream()
                        .filter(item -> item.unreadable() == null && item.row().destination() == null)
                        .map(Item::keyed).toList());
                Map<Long, String> eventIds = new LinkedHashMap<>();
                for (Item item : taken) {
                    if (item.unreadable() == null) {
                        eventIds.put(item.row().seq(), process(item));
                    } else {
                        store.failed(item.row().seq(), StoreTrouble.describe(item.unreadable()), clock.instant());
                    }
                }
                store.processed(eventIds, clock.instant());
            });
        } catch (RuntimeException | Error batchFailed) {
            if (batchFailed instanceof Journal.KnownEventsFound && retakesLeft > 0) {
                return processBatch(retakesLeft - 1); // the messages are pending again; their bodies are read back
            }
            if (storesOwn(batchFailed)) {
                throw batchFailed; // not the messages' fault: they stay pending
            }
            // undone as a whole: each message on its own, so that one that throws does not hold the others back
            taken.forEach(this::processAlone);
            return taken.size();
        }
        taken.forEach(item -> {
            if (item.unreadable() == null) {
                processed.incrementAndGet();
            } else {
                logFailure(item.row(), item.unreadable());
            }
        });
        return taken.size();
    }

    /** A pending row as the door handed it over, or read back from the store and normalised again. */
    private Item read(IntakeRecord row) {
        return read(row, handovers.take(row.idempotencyKey()), null);
    }

    /**
     * A pending row from what the door handed over, else from its body (read already, or read now) normalised again.
     */
    private Item read(IntakeRecord row, Handovers.Handed handed, String bodyRead) {
        if (handed != null) {
            return new Item(row, handed.keyed(), null);
        }
        // read outside the try: the store's trouble is not the message's. The body is needed to normalise only: the
        // item keeps the row without it (events name the row)
        IntakeRecord whole = row.withBody(bodyRead != null ? bodyRead : store.body(row.seq()));
        try {
            return new Item(row, reader.normalise(whole), null);
        } catch (RuntimeException e) {
            return new Item(row, null, e);
        }
    }

    /**
     * One message in a transaction of its own, claimed again first. What it throws is undone to a savepoint and the
     * message marked failed in the same transaction, so the mark can never land on a message another instance took
     * meanwhile or on one whose processing committed.
     */
    private void processAlone(Item item) {
        Throwable[] failure = {item.unreadable()};
        boolean[] claimed = {false};
        tx.executeWithoutResult(status -> {
            if (!store.claim(item.row().seq())) {
                return; // processed meanwhile, or another instance has it
            }
            claimed[0] = true;
            if (failure[0] == null) {
                Object savepoint = status.createSavepoint();
                try {
                    durableBeforeDeliveries();
                    store.processed(Map.of(item.row().seq(), process(item)), clock.instant());
                    return;
                } catch (RuntimeException | Error e) {
                    // first: on PostgreSQL the failed statement aborted the transaction until this rollback
                    status.rollbackToSavepoint(savepoint);
                    if (storesOwn(e)) {
                        throw e;
                    }
                    failure[0] = e;
                }
            }
            store.failed(item.row().seq(), StoreTrouble.describe(failure[0]), clock.instant());
        });
        if (!claimed[0]) {
            return;
        }
        if (failure[0] == null) {
            processed.incrementAndGet();
        } else {
            logFailure(item.row(), failure[0]);
        }
    }

    /** Whether a failure is the store's and not the message's: those leave the message pending, to be taken again. */
    private boolean storesOwn(Throwable e) {
        return StoreTrouble.isTransient(e) || !storage.reachable();
    }

    /**
     * The deliveries a batch plans are sent only once the batch is in the store's file: the lanes are woken after
     * commit ({@link EventPipeline}), and this runs first, so a crash cannot undo a plan whose requests it woke the
     * lanes for (a lane polling on its own may still be quicker: delivery is at least once).
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
        MessageBody body = MessageBody.inIntakeRow(m.seq());
        IngestResult result = m.destination() == null
                ? acceptance.accept(item.keyed(), body)
                : pipeline.acceptAsChosen(item.keyed(), body,
                        Decision.chosenBySender(m.destination(), m.action(), m.sender()));
        return result.id();
    }

    private void logFailure(IntakeRecord m, Throwable e) {
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

    /**
     * A journaled message ready to process.
     *
     * @param unreadable why it could not be normalised again (then keyed is null)
     */
    private record Item(IntakeRecord row, KeyedEvent keyed, RuntimeException unreadable) {
    }

    @Override
    public void start() {
        running = true;
        Thread t = new Thread(this::run, THREAD_NAME);
        t.setDaemon(true);
        worker = t;
        t.start();
    }

    /**
     * Finishes the batch in hand; what is still pending is processed at the next start (messages the web server
     * still takes while it drains its requests included: they are in the journal).
     */
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

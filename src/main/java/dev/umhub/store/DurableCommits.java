package dev.umhub.store;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Group commit for the embedded H2 store: an acknowledgement waits until its transaction is in the file, and one
 * write serves every acknowledgement that committed before it started.
 *
 * <p>H2 has no redo log. A commit lives in memory until H2 writes a chunk (every {@code WRITE_DELAY} ms, 500 by
 * default), so a killed process loses what it acknowledged in between. Writing a chunk per commit
 * ({@code WRITE_DELAY=0}) keeps the promise but costs a chunk per transaction: measured, a third of umhub's CPU per
 * event, and the file grew 329 KB per event. Instead, commits stay cheap and whoever must answer "stored" calls
 * {@link #awaitDurable()}: the first caller runs {@code CHECKPOINT} (H2 writes all committed changes), callers arriving
 * meanwhile wait and share the next one. Under load one chunk covers tens of events; alone, an event costs what it
 * did with {@code WRITE_DELAY=0}.
 *
 * <p>Acknowledgements of new messages no longer wait here: the {@link IntakeRedoLog} makes them durable, and cuts
 * itself with a write from here each second. What waits here is what the log does not hold: a processed batch
 * before its deliveries are woken, an answer to a duplicate whose first copy may not be written yet.
 *
 * <p>PostgreSQL makes every commit durable itself (and groups them), so there this does nothing.
 */
@Component
public class DurableCommits {

    private static final Logger log = LoggerFactory.getLogger(DurableCommits.class);

    private final JdbcTemplate jdbc;
    private final boolean h2File;
    /** Tickets are taken after a commit; a flush that started after ticket t was taken covers t. */
    private final AtomicLong tickets = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition flushed = lock.newCondition();
    private long durable;
    private boolean flushing;
    /**
     * How long {@link #flushSoon()} gathers requests before writing. Measured: a write per delivery outcome (no wait)
     * cost a fifth more CPU per event than none; under load the acknowledgements' writes cover most outcomes anyway.
     */
    private static final long SOON_MILLIS = 50;
    /** Writes requested by {@link #flushSoon()}: one thread, at most one queued. */
    private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "umhub-store-flush");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean queued = new AtomicBoolean();

    @Autowired
    public DurableCommits(Store store) {
        this(store.template(), store.isH2File());
    }

    DurableCommits(JdbcTemplate jdbc, boolean h2File) {
        this.jdbc = jdbc;
        this.h2File = h2File;
    }

    /** The store's user must be allowed to run {@code CHECKPOINT} (H2's admin), else no acknowledgement could be kept. */
    @PostConstruct
    void checkRights() {
        if (!h2File) {
            return;
        }
        try {
            jdbc.execute("CHECKPOINT");
        } catch (DataAccessException e) {
            throw new IllegalStateException("umhub.store.username must be an admin of the H2 database (umhub runs"
                    + " CHECKPOINT to make acknowledged events durable): " + e.getMostSpecificCause().getMessage(), e);
        }
    }

    /**
     * Asks for what was committed so far to be written soon, without waiting: for work whose loss in a crash is
     * repaired by doing it again (a delivery outcome: the delivery is sent again), so the window stays at tens of
     * milliseconds instead of H2's write delay, while the caller moves on. Requests made while one is queued share
     * it.
     */
    public void flushSoon() {
        if (!h2File || !queued.compareAndSet(false, true)) {
            return;
        }
        try {
            background.schedule(() -> {
                queued.set(false);
                try {
                    awaitDurable();
                } catch (DataAccessException e) {
                    log.debug("Background store write failed; H2 writes it after its write delay: {}", e.getMessage());
                }
            }, SOON_MILLIS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            queued.set(false);
        }
    }

    @PreDestroy
    void stop() {
        background.shutdown();
    }

    /**
     * Returns once every transaction this thread committed before the call is in the store's file and that file is
     * on the disk. H2's chunk writes are not forced to the disk (a killed process loses nothing written, a power
     * failure may), so whoever drops its own copy of what the store now holds (the intake redo log) asks for this.
     * {@code CHECKPOINT SYNC} writes what was committed, as {@code CHECKPOINT} does, then forces the file: one chunk
     * write, not shared with {@link #awaitDurable}'s callers (its one caller asks once a second).
     */
    public void awaitOnDisk() {
        if (h2File) {
            jdbc.execute("CHECKPOINT SYNC");
        }
    }

    /**
     * Returns once every transaction this thread committed before the call is in the store's file.
     *
     * @throws org.springframework.dao.DataAccessException when the store cannot write: the caller must not acknowledge
     */
    public void awaitDurable() {
        if (!h2File) {
            return;
        }
        long ticket = tickets.incrementAndGet();
        lock.lock();
        try {
            while (durable < ticket) {
                if (flushing) {
                    flushed.awaitUninterruptibly();
                    continue;
                }
                flushing = true;
                long covers = tickets.get();
                boolean ok = false;
                lock.unlock();
                try {
                    jdbc.execute("CHECKPOINT");
                    ok = true;
                } finally {
                    lock.lock();
                    flushing = false;
                    if (ok) {
                        durable = Math.max(durable, covers);
                    }
                    flushed.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
    }
}

package dev.umhub.store;

import dev.umhub.autoconfigure.UmhubProperties;
import jakarta.annotation.PostConstruct;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
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
 * <p>PostgreSQL makes every commit durable itself (and groups them), so there this does nothing.
 */
@Component
public class DurableCommits {

    private final JdbcTemplate jdbc;
    private final boolean h2File;
    /** Tickets are taken after a commit; a flush that started after ticket t was taken covers t. */
    private final AtomicLong tickets = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition flushed = lock.newCondition();
    private long durable;
    private boolean flushing;

    public DurableCommits(JdbcTemplate jdbc, UmhubProperties properties) {
        this.jdbc = jdbc;
        String url = properties.getStore().getUrl();
        this.h2File = url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:");
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

package dev.umhub.store;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * What makes an acknowledged intake row durable in the embedded H2 store: an append-only file beside the database,
 * forced to disk for every acknowledgement (appends that arrive together share one write and one {@code fsync}:
 * group commit), so the acknowledgement no longer waits for H2 to write a chunk.
 *
 * <p>Why: H2 has no redo log of its own. Its durable point is a chunk holding every page changed since the last one
 * (the processor's events, outbox rows and states and the lanes' outcomes too), so an acknowledgement that waited for
 * one ({@link DurableCommits}) waited tens of milliseconds, and under load that wait bounded what the door took.
 * Appending the row's fields here costs a few hundred bytes and an {@code fsync} of a tenth of a millisecond.
 *
 * <p>The log is cut every second: a new segment takes the appends, H2 writes a chunk and forces its file to the disk
 * ({@code CHECKPOINT SYNC}), and the segments cut before it are deleted, since every row they hold
 * was committed before it was appended here. So an acknowledgement survives a power failure too, not only a killed
 * process (H2's own chunk writes are not forced to the disk). At start, segments a crash left are read and each row
 * H2 lost is appended again, pending, before the door opens; a torn last record (the crash hit its write) was never
 * acknowledged and is skipped.
 *
 * <p>PostgreSQL's commit is durable itself, and a remote H2 has no file here: without an embedded H2 file this
 * log keeps nothing and {@link #append} waits for {@link DurableCommits} instead.
 */
@Component
public class IntakeRedoLog {

    private static final Logger log = LoggerFactory.getLogger(IntakeRedoLog.class);
    /** How often the log is cut, and so how much of it a crash leaves to read at start. */
    private static final long CUT_MILLIS = 1000;

    private final IntakeStore intake;
    private final DurableCommits durable;
    /** The log's files; null without an embedded H2 file. */
    private final IntakeRedoSegments files;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition written = lock.newCondition();
    /** The appends the next write takes; while one write runs, the next batch fills. */
    private Batch filling = new Batch();
    private boolean writing;
    private IntakeRedoSegments.Segment current;
    /** Cut segments, deleted once a checkpoint after their cut succeeded. */
    private final List<IntakeRedoSegments.Segment> cut = new ArrayList<>();
    private final long cutMillis;
    private ScheduledExecutorService cutter;

    @Autowired
    public IntakeRedoLog(Store store, IntakeStore intake, DurableCommits durable) {
        this(store, intake, durable, CUT_MILLIS, IntakeRedoSegments.NEW_FILES);
    }

    /** With {@code channels}, how segments' files are opened: {@link IntakeRedoSegments#NEW_FILES}, or a test's. */
    IntakeRedoLog(Store store, IntakeStore intake, DurableCommits durable, long cutMillis,
            IntakeRedoSegments.Channels channels) {
        this.cutMillis = cutMillis;
        this.intake = intake;
        this.durable = durable;
        this.files = store.isEmbeddedH2File() ? new IntakeRedoSegments(
                Path.of(store.template().queryForObject("SELECT DATABASE_PATH()", String.class)), channels) : null;
    }

    /** Appends again what a crash left in the log and H2 lost, then opens the log; before the door opens. */
    @PostConstruct
    void recoverAndOpen() throws IOException {
        if (files == null) {
            return;
        }
        List<Path> left = files.left();
        if (!left.isEmpty()) {
            recover(left);
        }
        current = files.open();
        cutter = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "umhub-intake-redo-cut");
            t.setDaemon(true);
            return t;
        });
        cutter.scheduleWithFixedDelay(this::cutQuietly, cutMillis, cutMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Returns once {@code row}, just committed to {@code umhub_intake}, survives a crash.
     *
     * @throws DataAccessResourceFailureException when it could not be written: the caller must not acknowledge
     */
    public void append(IntakeRecord row) {
        if (files == null) {
            durable.awaitDurable();
            return;
        }
        ByteBuffer record = IntakeRedoRecords.encode(row);
        lock.lock();
        try {
            Batch mine = filling;
            mine.records.add(record);
            while (!mine.done) {
                if (writing) {
                    written.awaitUninterruptibly();
                } else {
                    writeFilling();
                }
            }
            if (mine.failure != null) {
                throw new DataAccessResourceFailureException("The intake redo log could not be written: "
                        + mine.failure);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Writes and forces the filling batch outside the lock; called holding it, returns holding it. */
    private void writeFilling() {
        writing = true;
        Batch batch = filling;
        filling = new Batch();
        IntakeRedoSegments.Segment into = current;
        Throwable failure = null;
        lock.unlock();
        try {
            if (into == null) {
                throw new IOException("no segment is open");
            }
            into.write(batch.records);
        } catch (Throwable e) { // whatever it was, this batch is not on disk: its appends must not be acknowledged
            failure = e;
        } finally {
            lock.lock();
            writing = false;
            batch.done = true;
            if (failure != null) {
                batch.failure = failure;
                log.error("The intake redo log could not be written ({} acknowledgements refused): {}",
                        batch.records.size(), failure.toString());
                startNewSegmentAfterFailure(into);
            }
            written.signalAll();
        }
    }

    /** A failed write may have left part of a record: later appends go to a new segment, read on their own. */
    private void startNewSegmentAfterFailure(IntakeRedoSegments.Segment failed) {
        if (failed != null) {
            cut.add(failed);
        }
        current = openOrNull();
    }

    private void cutQuietly() {
        try {
            cut();
        } catch (RuntimeException e) {
            log.warn("The intake redo log could not be cut (it is kept and cut later): {}", StoreTrouble.describe(e));
        }
    }

    /**
     * Starts a new segment, has H2 write what was committed so far to the disk, and deletes the segments cut before
     * that. Every row in a cut segment was committed before it was appended there, so the checkpoint holds it.
     */
    void cut() {
        List<IntakeRedoSegments.Segment> covered;
        lock.lock();
        try {
            while (writing) {
                written.awaitUninterruptibly();
            }
            if (current != null && current.size() > 0) {
                cut.add(current);
                current = openOrNull();
            }
            if (cut.isEmpty()) {
                return;
            }
            covered = new ArrayList<>(cut);
        } finally {
            lock.unlock();
        }
        durable.awaitOnDisk();
        for (IntakeRedoSegments.Segment s : covered) {
            s.delete();
        }
        lock.lock();
        try {
            cut.removeAll(covered);
        } finally {
            lock.unlock();
        }
    }

    /** On a clean stop the last segments are checkpointed and deleted: nothing is left to read at the next start. */
    @PreDestroy
    void close() {
        if (cutter == null) {
            return;
        }
        stopCutting();
        cutQuietly();
        lock.lock();
        try {
            if (current != null && current.size() == 0) {
                current.delete();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops the periodic cuts (at stop; a test's crash). */
    void stopCutting() {
        cutter.shutdown(); // not shutdownNow: an interrupt in the middle of H2's file write would close its file
        try {
            cutter.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void recover(List<Path> left) throws IOException {
        int again = 0;
        int known = 0;
        int torn = 0;
        for (Path p : left) {
            IntakeRedoRecords.Read read = IntakeRedoRecords.decode(ByteBuffer.wrap(Files.readAllBytes(p)));
            torn += read.torn() ? 1 : 0;
            for (IntakeRecord row : read.records()) {
                try {
                    intake.append(row);
                    again++;
                } catch (DuplicateKeyException inTheStore) {
                    known++;
                }
            }
        }
        durable.awaitOnDisk();
        for (Path p : left) {
            Files.delete(p);
        }
        log.info("Intake redo log after a crash: {} acknowledged messages the store had lost appended again, {} it"
                + " held{}", again, known, torn > 0 ? ", " + torn + " torn record(s) never acknowledged skipped" : "");
    }

    private IntakeRedoSegments.Segment openOrNull() {
        try {
            return files.open();
        } catch (IOException e) {
            log.error("The intake redo log cannot open a segment: acknowledgements are refused until it can: {}",
                    e.toString());
            return null;
        }
    }

    /** Appends written and forced together. Guarded by the lock. */
    private static final class Batch {
        final List<ByteBuffer> records = new ArrayList<>();
        boolean done;
        Throwable failure;
    }
}

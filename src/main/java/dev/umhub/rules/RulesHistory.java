package dev.umhub.rules;

import dev.umhub.store.RulesVersionStore;
import dev.umhub.store.StoreTrouble;
import dev.umhub.support.Housekeeping;
import dev.umhub.support.PeriodicTask;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every rules version that starts running in the store ({@link RulesVersionStore}), and rolls back to one by
 * writing its files back to the rules folder and reloading it: the folder stays the truth, and what runs is always
 * what a look at the folder shows.
 * <p>
 * Keeping a version never gets in the way of running it: the engine only queues it (a reload never waits for the
 * store), and the versions queued are saved in order every {@link #SAVE_EVERY}; a save that fails (the store down) is
 * logged once and tried again at the next turn, so no version that ran is left out.
 */
public class RulesHistory extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(RulesHistory.class);
    /** How soon a version that started running is in the store (and again while the store is down). */
    static final Duration SAVE_EVERY = Duration.ofSeconds(1);

    /** The outcome of an activation: the version, whether it runs now, the status and, refused, why. */
    public record Activation(RulesVersionStore.Summary version, boolean accepted, RulesStatus status,
                             List<RuleMessage> messages) {
    }

    /** The rules folder could not be written (a read-only mount, a full disk): nothing was activated. */
    public static final class FolderNotWritable extends RuntimeException {
        FolderNotWritable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final RuleEngine engine;
    private final RulesVersionStore store;
    /** Versions that started running and are not in the store yet, oldest first. */
    private final Queue<RuleEngine.Loaded> unsaved = new ConcurrentLinkedQueue<>();
    private volatile boolean runningLooked;
    private volatile String warnedFor;

    public RulesHistory(RuleEngine engine, RulesVersionStore store, Housekeeping housekeeping) {
        super(housekeeping, SAVE_EVERY);
        this.engine = engine;
        this.store = store;
        engine.onLoaded(unsaved::add);
    }

    /** Runs when umhub starts, then every {@link #SAVE_EVERY}: saves the versions queued since. */
    @Override
    protected void runOnce() {
        if (!runningLooked) {
            lookAtRunningVersion();
        }
        saveUnsaved();
    }

    /**
     * The rules' first load runs on a thread of its own from the engine's constructor, possibly before this bean
     * registered its listener, so the version running then may never have been queued. Loaded versions are not kept
     * by the engine, but the folder is the truth: when its files are still those of the running version (their
     * fingerprint starts with the hash in the version's name), they are that version's files. Saving it again when
     * the listener did see it only moves its last load time.
     */
    private void lookAtRunningVersion() {
        try {
            RulesStatus running = engine.status(); // waits for the first load (on a housekeeping thread)
            runningLooked = true;
            if (running.loadedAt() == null) {
                return; // "none": no rules ran yet; the first that do come through the listener
            }
            RuleFiles files = RuleFiles.read(engine.directory());
            if (runs(files.fingerprint(), running) && unsaved.isEmpty()) {
                unsaved.add(new RuleEngine.Loaded(running.version(), files, running.rules().size(),
                        running.loadedAt()));
            }
        } catch (RuntimeException e) {
            runningLooked = true; // an unreadable folder: the next version that loads comes through the listener
            log.warn("Rules history could not look at the running rules version: {}", e.getMessage());
        }
    }

    private void saveUnsaved() {
        for (RuleEngine.Loaded version = unsaved.peek(); version != null; version = unsaved.peek()) {
            String fingerprint = version.files().fingerprint(); // a hash over the files' cached hashes
            try {
                store.remember(new RulesVersionStore.Loaded(version.version(), fingerprint,
                        version.files().all(), version.rules(), version.at()));
            } catch (RuntimeException e) {
                if (!fingerprint.equals(warnedFor)) { // once per version, not every retry
                    warnedFor = fingerprint;
                    log.warn("Rules version {} runs but is not kept in the rules history yet (tried again every {}s):"
                            + " {}", version.version(), SAVE_EVERY.toSeconds(), StoreTrouble.describe(e));
                }
                return; // kept in the queue, in order, for the next turn
            }
            unsaved.poll();
            if (fingerprint.equals(warnedFor)) {
                log.info("Rules version {} is kept in the rules history now", version.version());
                warnedFor = null;
            }
        }
    }

    /** The kept versions, newest first. */
    public List<RulesVersionStore.Summary> list(int limit) {
        return store.list(limit);
    }

    /** Whether these are the files of the rules that run now. */
    public boolean isRunning(RulesVersionStore.Summary version, RulesStatus status) {
        return runs(version.fingerprint(), status);
    }

    private static boolean runs(String fingerprint, RulesStatus status) {
        String v = status.version();
        int dash = v.indexOf('-');
        return dash >= 0 && fingerprint.startsWith(v.substring(dash + 1));
    }

    /**
     * Rolls back (or forward) to a kept version: writes its files to the rules folder, each atomically, deletes the
     * rule files it does not have (only rule files: anything else in the folder is left alone), and reloads, all while
     * the engine takes no other look at the folder, so no half-written folder ever runs. When the files are refused
     * now (a scenario test added since fails on them), the folder's previous files are written back and reloaded, so
     * a refused activation changes nothing but the running version's counter.
     *
     * @param key the version's id, fingerprint or version name ({@link RulesVersionStore#find})
     * @return empty when no version has that key
     * @throws FolderNotWritable when the folder cannot be written (it is left as it was, as far as it can be)
     */
    public Optional<Activation> activate(String key) {
        Optional<RulesVersionStore.Version> found = store.find(key);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        RulesVersionStore.Version version = found.get();
        RuleFiles files = new RuleFiles(version.files());
        Activation activation = engine.changingFolder(() -> writeAndLoad(version.summary(), files));
        if (activation.accepted()) {
            engine.warnOfUnknownDestinations();
        }
        return Optional.of(activation);
    }

    private Activation writeAndLoad(RulesVersionStore.Summary summary, RuleFiles files) {
        Path directory = engine.directory();
        RuleFiles previous = RuleFiles.read(directory);
        try {
            RulesFolderWriter.write(directory, previous, files); // the folder's files, just read
        } catch (UncheckedIOException e) {
            try {
                restore(directory, previous);
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw new FolderNotWritable(e.getMessage() + ": " + e.getCause().getMessage(), e);
        }
        engine.reloadIfChanged();
        RulesStatus status = engine.status();
        if (runs(files.fingerprint(), status)) {
            log.info("Rules version {} (id {}) activated: runs as {}", summary.version(), summary.id(),
                    status.version());
            return new Activation(summary, true, status, List.of());
        }
        RulesStatus.LoadAttempt attempt = status.lastAttempt();
        List<RuleMessage> messages = attempt != null ? attempt.messages() : List.of();
        log.warn("Rules version {} (id {}) refused on activation, the folder's previous files are back: {}",
                summary.version(), summary.id(), messages);
        restore(directory, previous);
        return new Activation(summary, false, engine.status(), messages);
    }

    private void restore(Path directory, RuleFiles previous) {
        try {
            RulesFolderWriter.write(directory, previous);
        } finally {
            engine.reloadIfChanged();
        }
    }
}

package dev.umhub.rules.dryrun;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.Comparator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Dry runs over large selections, in the background, one at a time, with their progress (events decided of those
 * selected) and, once done, their answer. Kept in this instance's memory, the last {@value #KEPT} only: nothing of a
 * dry run is stored, and one can always be run again.
 */
@Component
public class DryRunJobs implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DryRunJobs.class);
    private static final int KEPT = 20;
    private static final int WAITING = 4;

    /**
     * A dry run in the background.
     *
     * @param outcome its answer (a map) once done, or its error (a text) once failed; empty while it runs
     */
    public record Job(String id, Instant startedAt, DryRun.Progress progress, AtomicReference<Object> outcome) {

        public boolean finished() {
            return outcome.get() != null;
        }

        public Map<String, Object> state() {
            Object o = outcome.get();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", id);
            out.put("state", o == null ? (progress.done().get() == 0 ? "queued" : "running")
                    : o instanceof Map ? "done" : "failed");
            out.put("startedAt", startedAt);
            out.put("selected", progress.selected().get());
            out.put("done", progress.done().get());
            if (o instanceof Map<?, ?> result) {
                out.put("result", result);
            } else if (o != null) {
                out.put("error", o);
            }
            return out;
        }
    }

    /** Too many dry runs waiting: try again once one finished. */
    public static final class Busy extends RuntimeException {
        Busy(String message) {
            super(message, null, false, false);
        }
    }

    private final Clock clock;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    /** One at a time, a few waiting: a dry run takes a core while it runs. */
    private final ThreadPoolExecutor runner = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(WAITING), r -> {
                Thread t = new Thread(r, "umhub-dry-run");
                t.setDaemon(true);
                return t;
            });

    public DryRunJobs(Clock clock) {
        this.clock = clock;
    }

    /** @throws Busy when {@value #WAITING} dry runs wait already */
    public Job start(DryRun.Prepared prepared) {
        Job job = new Job(UUID.randomUUID().toString(), clock.instant(), DryRun.Progress.start(),
                new AtomicReference<>());
        try {
            runner.execute(() -> {
                try {
                    job.outcome().set(prepared.run(job.progress()));
                } catch (RuntimeException e) {
                    log.error("Dry run {} failed", job.id(), e);
                    job.outcome().set(e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            });
        } catch (RejectedExecutionException full) {
            throw new Busy("one dry run runs and " + WAITING + " wait; try again once one is done");
        }
        forgetOld();
        jobs.put(job.id(), job);
        return job;
    }

    public Optional<Job> get(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** The oldest finished jobs go first; running and waiting ones are never forgotten (at most 5 of them). */
    private void forgetOld() {
        while (jobs.size() >= KEPT) {
            Optional<Job> oldest = jobs.values().stream().filter(Job::finished)
                    .min(Comparator.comparing(Job::startedAt));
            if (oldest.isEmpty()) {
                return;
            }
            jobs.remove(oldest.get().id());
        }
    }

    @Override
    public void destroy() {
        runner.shutdownNow();
    }
}

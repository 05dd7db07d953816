package dev.umhub.delivery;

import dev.umhub.store.DeadLetterFilter;
import dev.umhub.store.DeliveryStore;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * Bulk replays of dead letters by filter, run in the background at {@code umhub.replay.rate-per-second}, with
 * their progress kept for the API. Jobs live in this instance's memory; the dead letters they act on are in the
 * store, so an interrupted job can simply be started again.
 */
@Service
public class ReplayJobs implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReplayJobs.class);
    private static final int MAX_PER_JOB = 100_000;

    /** A bulk replay and how far it got. */
    public record Job(String id, DeadLetterFilter filter, ReplayMode mode, Instant startedAt, int matched,
                      AtomicInteger replayed, AtomicInteger skipped, AtomicInteger unmappable,
                      AtomicInteger decisionFailed, AtomicInteger alreadyGone, Instant[] finishedAt) {
        public String state() {
            return finishedAt[0] == null ? "running" : "done";
        }

        public Map<String, Object> progress() {
            return Map.ofEntries(Map.entry("id", id), Map.entry("state", state()), Map.entry("mode", mode),
                    Map.entry("matched", matched), Map.entry("replayed", replayed.get()),
                    Map.entry("skipped", skipped.get()), Map.entry("unmappable", unmappable.get()),
                    Map.entry("decisionFailed", decisionFailed.get()), Map.entry("alreadyGone", alreadyGone.get()),
                    Map.entry("startedAt", startedAt),
                    Map.entry("finishedAt", Optional.ofNullable(finishedAt[0]).map(Object::toString).orElse("")));
        }
    }

    private final DeliveryStore store;
    private final DeadLetters deadLetters;
    private final Clock clock;
    private final int ratePerSecond;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> new Thread(r, "umhub-replay"));

    public ReplayJobs(DeliveryStore store, DeadLetters deadLetters, Clock clock, ReplayProperties properties) {
        this.store = store;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.ratePerSecond = Math.max(1, properties.getRatePerSecond());
    }

    public Job start(DeadLetterFilter filter, ReplayMode mode) {
        List<String> ids = store.deadLetterIds(filter, MAX_PER_JOB);
        Job job = new Job(UUID.randomUUID().toString(), filter, mode, clock.instant(), ids.size(), new AtomicInteger(),
                new AtomicInteger(), new AtomicInteger(), new AtomicInteger(), new AtomicInteger(), new Instant[1]);
        jobs.put(job.id(), job);
        runner.execute(() -> run(job, ids));
        return job;
    }

    public Optional<Job> get(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    public Collection<Job> all() {
        return jobs.values();
    }

    private void run(Job job, List<String> ids) {
        RateLimiter limiter = RateLimiter.of("replay-" + job.id(), RateLimiterConfig.custom()
                .limitForPeriod(ratePerSecond).limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ofMinutes(1)).build());
        try {
            for (String id : ids) {
                RateLimiter.waitForPermission(limiter);
                switch (deadLetters.replay(id, job.mode())) {
                    case REPLAYED -> job.replayed().incrementAndGet();
                    case SKIPPED -> job.skipped().incrementAndGet();
                    case UNMAPPABLE -> job.unmappable().incrementAndGet();
                    case DECISION_FAILED -> job.decisionFailed().incrementAndGet();
                    case NOT_DEAD -> job.alreadyGone().incrementAndGet();
                }
            }
        } catch (RuntimeException e) {
            log.error("Replay job {} stopped: {}", job.id(), e.toString());
        } finally {
            job.finishedAt()[0] = clock.instant();
            log.info("Replay job {} done: {}", job.id(), job.progress());
        }
    }

    @Override
    public void destroy() {
        runner.shutdownNow();
    }
}

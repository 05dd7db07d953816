package dev.umhub.delivery;

import dev.umhub.connector.Connector;
import dev.umhub.rules.KnownDestinations;
import dev.umhub.store.DeliveryStore;
import dev.umhub.support.Housekeeping;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;

/**
 * One {@link DeliveryLane} per destination: started with umhub, stopped before Camel stops (so in-flight attempts
 * can still use their routes), and added or stopped as destination routes appear and go.
 */
public class DeliveryLanes implements SmartLifecycle, ApplicationListener<KnownDestinations.Changed> {

    private final Destinations destinations;
    private final DeliveryStore store;
    private final DeliveryAttempter attempter;
    private final AttemptRecorder recorder;
    private final Clock clock;
    private final DeliveryProperties properties;
    /** This instance's name in claims: unique per process, so instances sharing a store never mistake each other. */
    private final String owner = "umhub-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, DeliveryLane> lanes = new ConcurrentHashMap<>();
    private volatile boolean running;

    private final Housekeeping housekeeping;
    private volatile java.util.concurrent.ScheduledFuture<?> renewals;

    public DeliveryLanes(Destinations destinations, DeliveryStore store, DeliveryAttempter attempter,
                         AttemptRecorder recorder, Clock clock, DeliveryProperties properties,
                         Housekeeping housekeeping) {
        this.destinations = destinations;
        this.store = store;
        this.attempter = attempter;
        this.recorder = recorder;
        this.clock = clock;
        this.properties = properties;
        this.housekeeping = housekeeping;
    }

    /** Tells the lanes of these destinations that new work is due now. */
    public void wake(Collection<String> destinations) {
        destinations.forEach(this::wake);
    }

    public void wake(String destination) {
        DeliveryLane lane = lanes.get(destination);
        if (lane != null) {
            lane.wake();
        }
    }

    @Override
    public void start() {
        sync();
        // a provider that takes longer than the lease to answer must not see its delivery taken over and sent again
        // by another worker or instance while the first call still runs: claims of running calls are renewed
        renewals = housekeeping.every("Lease renewal", properties.getLease().dividedBy(3), this::renewRunningClaims);
        running = true;
    }

    /** A destination's route appeared or went: lanes follow, with the destinations' own settings. */
    @Override
    public void onApplicationEvent(KnownDestinations.Changed event) {
        if (running) {
            sync();
        }
    }

    private synchronized void sync() {
        for (Connector c : destinations.all()) {
            lanes.computeIfAbsent(c.name(), name -> new DeliveryLane(c, store, attempter, recorder, clock,
                    properties.getPollInterval(), properties.getLease(), owner));
        }
        for (String name : java.util.List.copyOf(lanes.keySet())) {
            if (destinations.get(name).isEmpty()) {
                // its route is gone: its rows stay pending, for when it comes back (or a replay elsewhere)
                lanes.remove(name).stop(clock.instant().plus(properties.getShutdownGrace()));
            }
        }
    }

    private void renewRunningClaims() {
        java.util.List<String> running = lanes.values().stream().flatMap(l -> l.inFlight().stream()).toList();
        if (!running.isEmpty()) {
            store.renewClaims(running, owner, clock.instant().plus(properties.getLease()));
        }
    }

    /**
     * Graceful stop: no new claims, in-flight attempts get {@code umhub.delivery.shutdown-grace} together. Claims of
     * attempts that did not finish are released, so a restart (or another instance) takes them at once instead of
     * waiting for the lease; their late answers are then ignored, and they are sent again: at least once.
     */
    @Override
    public void stop() {
        running = false;
        if (renewals != null) {
            renewals.cancel(false);
        }
        java.time.Instant deadline = clock.instant().plus(properties.getShutdownGrace());
        boolean allFinished = lanes.values().stream().map(l -> l.stop(deadline)).reduce(true, Boolean::logicalAnd);
        int released = store.releaseClaims(owner);
        if (!allFinished || released > 0) {
            org.slf4j.LoggerFactory.getLogger(DeliveryLanes.class).warn(
                    "Stopped with {} deliveries still in flight; they stay in the outbox and will be sent again", released);
        }
        lanes.clear();
    }

    /** Each lane's guards and load, by destination. */
    public Map<String, Map<String, Object>> status() {
        Map<String, Map<String, Object>> out = new java.util.TreeMap<>();
        lanes.forEach((name, lane) -> out.put(name, lane.status()));
        return out;
    }

    /**
     * The state of a destination's circuit breaker, read without building {@link #status()}'s maps (metrics read it
     * at every scrape); empty when the destination has no lane now.
     */
    public java.util.Optional<CircuitBreaker.State> breakerState(String destination) {
        DeliveryLane lane = lanes.get(destination);
        return lane == null ? java.util.Optional.empty() : java.util.Optional.of(lane.breakerState());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After Camel (which starts in the default phase) so routes exist; stopped before it for the same reason. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}

package dev.umhub.delivery;

import dev.umhub.autoconfigure.UmhubProperties;
import dev.umhub.connector.Connector;
import dev.umhub.store.DeliveryStore;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Starts one {@link DeliveryLane} per connector once Camel's routes run, and stops them before Camel stops, so
 * in-flight attempts can still use their routes.
 */
@Component
public class DeliveryLanes implements SmartLifecycle {

    private final Connectors connectors;
    private final DeliveryStore store;
    private final DeliveryAttempter attempter;
    private final Clock clock;
    private final UmhubProperties properties;
    /** This instance's name in claims: unique per process, so instances sharing a store never mistake each other. */
    private final String owner = "umhub-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, DeliveryLane> lanes = new ConcurrentHashMap<>();
    private volatile boolean running;

    public DeliveryLanes(Connectors connectors, DeliveryStore store, DeliveryAttempter attempter, Clock clock,
                         UmhubProperties properties) {
        this.connectors = connectors;
        this.store = store;
        this.attempter = attempter;
        this.clock = clock;
        this.properties = properties;
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
        for (Connector c : connectors.all()) {
            lanes.put(c.name(), new DeliveryLane(c, store, attempter, clock,
                    properties.getDelivery().getPollInterval(), properties.getDelivery().getLease(), owner));
        }
        running = true;
    }

    /**
     * Graceful stop: no new claims, in-flight attempts get {@code umhub.delivery.shutdown-grace} together. Claims of
     * attempts that did not finish are released, so a restart (or another instance) takes them at once instead of
     * waiting for the lease; their late answers are then ignored, and they are sent again: at least once.
     */
    @Override
    public void stop() {
        running = false;
        java.time.Instant deadline = clock.instant().plus(properties.getDelivery().getShutdownGrace());
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

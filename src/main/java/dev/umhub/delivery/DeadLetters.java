package dev.umhub.delivery;

import dev.umhub.store.Delivery;
import dev.umhub.store.DeliveryStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Dead letters: deliveries refused for good or out of retries, kept with every attempt, replayable. */
@Service
public class DeadLetters {

    private final DeliveryStore store;
    private final DeliveryLanes lanes;
    private final Clock clock;

    public DeadLetters(DeliveryStore store, DeliveryLanes lanes, Clock clock) {
        this.store = store;
        this.lanes = lanes;
        this.clock = clock;
    }

    public List<Delivery> list(int limit) {
        return store.deadLetters(limit);
    }

    /**
     * Sends a dead letter again with the request it was decided with, as a fresh round of attempts.
     *
     * @return the delivery after the replay was scheduled; empty when there is no such dead letter
     */
    public Optional<Delivery> replay(String id) {
        if (!store.replay(id, clock.instant())) {
            return Optional.empty();
        }
        Delivery d = store.findById(id).orElseThrow();
        lanes.wake(d.destination());
        return Optional.of(d);
    }
}

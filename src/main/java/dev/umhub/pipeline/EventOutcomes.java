package dev.umhub.pipeline;

import dev.umhub.event.PlatformEvent;
import dev.umhub.rules.Decision;

/**
 * What became of the events umhub was given, told once it is in the store (after the transaction that recorded it
 * committed): the metrics' view of intake. Called on the intake threads for every event, so an implementation must be
 * cheap and must not block; {@link #NONE} when nothing listens.
 */
public interface EventOutcomes {

    /** Tells nothing to no one: umhub without a meter registry, and tests. */
    EventOutcomes NONE = new EventOutcomes() {
        @Override
        public void accepted(PlatformEvent event, Decision decision) {
        }

        @Override
        public void duplicate(PlatformEvent event) {
        }
    };

    /** A new event was recorded with the decision the rules (or its sender) made for it. */
    void accepted(PlatformEvent event, Decision decision);

    /**
     * An event umhub already had: the same message again (refused by its idempotency key at the door), or another
     * observation of a change it recorded (the webhook after the REST poll saw it).
     */
    void duplicate(PlatformEvent event);
}

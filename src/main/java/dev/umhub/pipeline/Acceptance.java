package dev.umhub.pipeline;

import dev.umhub.event.PlatformEvent;
import java.util.List;
import java.util.Optional;

/**
 * The step after normalising: accept one canonical event (decide, journal, deliver). {@link EventPipeline} is the plain
 * one; the lifecycle tracker wraps it to compare states and add the events the platform never sends, so ingest
 * itself knows nothing of lifecycles.
 */
public interface Acceptance {

    /**
     * @param body where the message, exactly as received, is kept for the event (its intake row, or a copy)
     */
    IngestResult accept(KeyedEvent normalised, MessageBody body);

    /**
     * Reads what accepting the event will need from outside umhub (the platform's REST API), before the batch it is
     * accepted in opens its transaction; best effort: what could not be read is done without.
     */
    default void prepare(KeyedEvent normalised) {
    }

    /**
     * Called in the transaction of a batch before its events are accepted one by one (in that order, in that
     * transaction): takes at once what accepting them would take one at a time (the row locks of the entities they
     * report) and writes together what they record, so a batch costs a few statements instead of a few per event.
     */
    default void beginBatch(List<KeyedEvent> batch) {
    }

    /**
     * The id under which the change this event stands for is recorded, when umhub may know it already from another
     * observation (the REST poll saw the payment the webhook now reports): read at the door, so the answer can say it
     * is a duplicate and what it completes. Empty when the event is no such change: a repeat of the same payload is
     * found by its idempotency key anyway.
     */
    default Optional<String> knownChange(PlatformEvent event) {
        return Optional.empty();
    }
}

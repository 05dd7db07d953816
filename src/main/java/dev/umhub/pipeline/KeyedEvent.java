package dev.umhub.pipeline;

import dev.umhub.event.PlatformEvent;

/**
 * A canonical event and the key that makes it unique: the sender's event id where the format has one, otherwise a
 * hash of the content ({@link dev.umhub.ingest.IdempotencyKeys}). What sources hand to the pipeline.
 */
public record KeyedEvent(PlatformEvent event, String idempotencyKey) {
}

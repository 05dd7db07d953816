package dev.umhub.pipeline;

import dev.umhub.event.PlatformEvent;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A canonical event and the key that makes it unique: the sender's event id where the format has one, otherwise a
 * hash of the content ({@link dev.umhub.ingest.IdempotencyKeys}). What sources hand to the pipeline.
 *
 * <p>The event's id is always its key's ({@link #idOf}); an event made with another id gets its key's instead. The
 * journal's primary key on the id is then what refuses a second event with the same key.
 */
public record KeyedEvent(PlatformEvent event, String idempotencyKey) {

    public KeyedEvent {
        if (event != null && idempotencyKey != null) {
            String id = idOf(idempotencyKey);
            if (!id.equals(event.id())) {
                event = new PlatformEvent(id, event.source(), event.type(), event.time(), event.subject(),
                        event.origin(), event.test(), event.data());
            }
        }
    }

    /** The event id that belongs to a key: a name-based UUID, so the same key always names the same event. */
    public static String idOf(String idempotencyKey) {
        return UUID.nameUUIDFromBytes(idempotencyKey.getBytes(StandardCharsets.UTF_8)).toString();
    }
}

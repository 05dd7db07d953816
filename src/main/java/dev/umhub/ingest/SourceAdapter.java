package dev.umhub.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.pipeline.KeyedEvent;
import java.time.Instant;
import java.util.Set;

/**
 * Turns one source format into canonical {@link PlatformEvent}s. One adapter per format; routes name the format in
 * the {@code UmhubSource} header, so a Kafka topic or a file drop carrying the same format reuses the same adapter.
 */
public interface SourceAdapter {

    /** The format's name, as routes put it in the {@code UmhubSource} header. */
    String source();

    /** The source's own event names this adapter accepts (for Ultimate Multisite: webhook slugs). */
    Set<String> origins();

    /**
     * Whether a message of this origin can be an event of this format. The origin is the source's own name for the
     * message: a webhook slug, or for formats whose messages carry their own id (signed envelopes) that id.
     */
    default boolean accepts(String origin) {
        return origin != null && origins().contains(origin);
    }

    /**
     * Normalises one message. Must be deterministic: the same content gives the same idempotency key, which is what
     * makes re-sent messages duplicates. The event's id is the key's ({@link KeyedEvent#idOf}, whatever id it is
     * made with).
     *
     * @throws IngestRejectedException when the content cannot be an event of this format
     */
    KeyedEvent normalise(String origin, ObjectNode body, Instant receivedAt);

}

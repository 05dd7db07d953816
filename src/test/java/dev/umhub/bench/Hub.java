package dev.umhub.bench;

import java.io.IOException;
import java.net.URI;

/** What the load runs against: umhub, or the peer it is compared with in the same run (Node-RED). */
interface Hub {

    /** A short name for the report. */
    String name();

    URI webhook(String slug);

    long pid();

    /**
     * The status the hub gives one event's delivery to a destination (PENDING, DELIVERED, DEAD, ...), for an event the
     * provider never saw; a hub that keeps nothing answers so.
     */
    String deliveryStatus(String eventId, String destination) throws IOException, InterruptedException;

    /** Whether an event a provider never got is still held (pending, dead) rather than gone. */
    default boolean keepsEvents() {
        return true;
    }

    /**
     * Bytes its JVM has allocated since it started, or -1 when the hub is no JVM or could not tell. Counted at the
     * JVM's young collections, so it is exact to within one eden.
     */
    default long allocatedBytes() throws InterruptedException {
        return -1;
    }

    /** Bytes its store holds on disk; 0 for a hub that stores nothing. */
    long storeBytes() throws IOException;
}

package dev.umhub.pipeline;

import java.util.HashMap;
import java.util.Map;

/**
 * Messages the door appended, normalised and with their bodies, kept for the processor so it neither reads them
 * back from the store nor parses them again. Only a shortcut: whatever is not here (too much waiting, a restart, a
 * message another instance appended) is read back from the journal. Bounded by the characters it holds, so a backlog
 * of large bodies, or entries another instance sharing the store processed, cannot fill the heap.
 */
final class Handovers {

    /** A message as the door made it. */
    record Handed(KeyedEvent keyed, String body) {
    }

    private final long maxChars;
    private final Map<String, Handed> byKey = new HashMap<>();
    private long chars;

    Handovers(long maxChars) {
        this.maxChars = maxChars;
    }

    /**
     * Keeps a message about to be appended. The first one of a key stays: a duplicate arriving meanwhile must not
     * replace it (its append fails, and {@link #forget} then leaves the original alone).
     *
     * @return what to pass to {@link #forget} if the append fails
     */
    synchronized Handed put(KeyedEvent keyed, String body) {
        Handed h = new Handed(keyed, body);
        if (chars + body.length() > maxChars) {
            // full: what is here is a backlog the store holds anyway, or messages another instance processed
            byKey.clear();
            chars = 0;
        }
        if (byKey.putIfAbsent(keyed.idempotencyKey(), h) == null) {
            chars += body.length();
        }
        return h;
    }

    /** The append of this message did not happen (a duplicate, a store failure). */
    synchronized void forget(Handed h) {
        String key = h.keyed().idempotencyKey();
        if (byKey.get(key) == h) { // this very entry: a duplicate's equal copy must not remove the original's
            byKey.remove(key);
            chars -= h.body().length();
        }
    }

    /** The message of this key, taken out; null when it has to be read back from the journal. */
    synchronized Handed take(String idempotencyKey) {
        Handed h = byKey.remove(idempotencyKey);
        if (h != null) {
            chars -= h.body().length();
        }
        return h;
    }
}

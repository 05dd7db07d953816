package dev.umhub.pipeline;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Messages the door appended, normalised and with their bodies, kept for the processor so it neither reads them
 * back from the store nor parses them again. Only a shortcut: whatever is not here (a backlog larger than the bound, a
 * restart, a message another instance appended) is read back from the journal.
 * <p>
 * Bounded by the characters of the bodies it holds; a normalised event takes several times its body's size in the
 * heap, so the bound is a few batches' worth. When it is full the oldest entries stay (the processor takes those next)
 * and a new message is left to the store, unless the oldest have waited so long that no processor of this instance
 * will take them (another instance sharing the store processed them): those go first.
 */
final class Handovers {

    /** A message as the door made it. */
    record Handed(KeyedEvent keyed, String body, long keptAtNanos) {
    }

    private final long maxChars;
    private final long staleNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Handed> byKey = new LinkedHashMap<>();
    private long chars;

    Handovers(long maxChars, Duration stale) {
        this(maxChars, stale, System::nanoTime);
    }

    Handovers(long maxChars, Duration stale, LongSupplier nanoTime) {
        this.maxChars = maxChars;
        this.staleNanos = stale.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * Keeps a message about to be appended, if there is room. The first one of a key stays: a duplicate arriving
     * meanwhile must not replace it (its append fails, and {@link #forget} then leaves the original alone).
     *
     * @return what to pass to {@link #forget} if the append fails
     */
    synchronized Handed put(KeyedEvent keyed, String body) {
        long now = nanoTime.getAsLong();
        Handed h = new Handed(keyed, body, now);
        if (chars + body.length() > maxChars) {
            dropStale(now);
            if (chars + body.length() > maxChars) {
                return h; // full of what the processor takes next: this one is read back from the journal
            }
        }
        if (byKey.putIfAbsent(keyed.idempotencyKey(), h) == null) {
            chars += body.length();
        }
        return h;
    }

    private void dropStale(long now) {
        for (Iterator<Handed> it = byKey.values().iterator(); it.hasNext(); ) {
            Handed oldest = it.next();
            if (now - oldest.keptAtNanos() < staleNanos) {
                return; // insertion order: the rest are younger
            }
            it.remove();
            chars -= oldest.body().length();
        }
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

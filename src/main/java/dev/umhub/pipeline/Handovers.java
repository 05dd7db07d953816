package dev.umhub.pipeline;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Messages the door appended, normalised, kept for the processor so it neither reads them back from the store nor
 * parses them again (their bodies stay in the journal: events name their intake row). Only a shortcut: whatever is not
 * here (a backlog larger than the bound, a restart, a message another instance appended) is read back from the
 * journal.
 * <p>
 * Bounded by the characters of the bodies the kept events were made from (a normalised event takes several times
 * that in the heap), a few batches' worth. When it is full the oldest entries stay, since the processor takes those
 * next, and a new message is left to the store. Entries nobody here will take (another instance sharing the store
 * processed them) go once the processor has read every pending message ({@link #dropKeptBefore}).
 */
final class Handovers {

    /** A message as the door made it. */
    record Handed(KeyedEvent keyed, int bodyChars, long keptAtNanos) {
    }

    private final long maxChars;
    private final LongSupplier nanoTime;
    private final Map<String, Handed> byKey = new LinkedHashMap<>();
    private long chars;

    Handovers(long maxChars) {
        this(maxChars, System::nanoTime);
    }

    Handovers(long maxChars, LongSupplier nanoTime) {
        this.maxChars = maxChars;
        this.nanoTime = nanoTime;
    }

    /** The clock entries are kept by: what {@link #dropKeptBefore} compares with. */
    long now() {
        return nanoTime.getAsLong();
    }

    /**
     * Keeps a message about to be appended, if there is room. The first one of a key stays: a duplicate arriving
     * meanwhile must not replace it (its append fails, and {@link #forget} then leaves the original alone).
     *
     * @param bodyChars the length of the body it was made from: its measure against the bound
     * @return what to pass to {@link #forget} if the append fails
     */
    synchronized Handed put(KeyedEvent keyed, int bodyChars) {
        Handed h = new Handed(keyed, bodyChars, now());
        if (chars + h.bodyChars() > maxChars) {
            return h; // full of what the processor takes next: this one is read back from the journal
        }
        if (byKey.putIfAbsent(keyed.idempotencyKey(), h) == null) {
            chars += h.bodyChars();
        }
        return h;
    }

    /**
     * The processor read every message pending in the journal, starting at {@code nanos} (of {@link #now}): what was
     * kept before then and is still here will not be taken by it.
     */
    synchronized void dropKeptBefore(long nanos) {
        for (Iterator<Handed> it = byKey.values().iterator(); it.hasNext(); ) {
            Handed oldest = it.next();
            if (oldest.keptAtNanos() - nanos >= 0) {
                return; // insertion order: the rest are younger
            }
            it.remove();
            chars -= oldest.bodyChars();
        }
    }

    /** The append of this message did not happen (a duplicate, a store failure). */
    synchronized void forget(Handed h) {
        String key = h.keyed().idempotencyKey();
        if (byKey.get(key) == h) { // this very entry: a duplicate's equal copy must not remove the original's
            byKey.remove(key);
            chars -= h.bodyChars();
        }
    }

    /** The message of this key, taken out; null when it has to be read back from the journal. */
    synchronized Handed take(String idempotencyKey) {
        Handed h = byKey.remove(idempotencyKey);
        if (h != null) {
            chars -= h.bodyChars();
        }
        return h;
    }
}

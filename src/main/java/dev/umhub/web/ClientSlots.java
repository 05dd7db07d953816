package dev.umhub.web;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many requests each client address has sending its body right now. A body that arrives at once holds a slot for
 * microseconds; a client that trickles or stalls holds one until the read deadline, so a cap per address keeps a
 * handful of slow connections from holding the threads every other sender needs.
 */
final class ClientSlots {

    private final int perClient;
    private final ConcurrentHashMap<String, AtomicInteger> inUse = new ConcurrentHashMap<>();

    ClientSlots(int perClient) {
        this.perClient = Math.max(1, perClient);
    }

    /** True when a slot was taken; the caller must then {@link #release} it. */
    boolean tryTake(String client) {
        AtomicInteger n = inUse.computeIfAbsent(client, k -> new AtomicInteger());
        if (n.incrementAndGet() > perClient) {
            release(client);
            return false;
        }
        return true;
    }

    void release(String client) {
        inUse.computeIfPresent(client, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
    }
}

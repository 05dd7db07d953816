package dev.umhub.web;

import java.util.concurrent.ConcurrentHashMap;

/**
 * How many requests each client address has sending its body right now. A body that arrives at once holds a slot for
 * microseconds; a client that trickles or stalls holds one until the read deadline, so a cap per address keeps a
 * handful of slow connections from holding the threads every other sender needs.
 */
final class ClientSlots {

    private final int perClient;
    private final ConcurrentHashMap<String, Integer> inUse = new ConcurrentHashMap<>();

    ClientSlots(int perClient) {
        this.perClient = Math.max(1, perClient);
    }

    /** True when a slot was taken; the caller must then {@link #release} it. */
    boolean tryTake(String client) {
        boolean[] taken = {false};
        // one atomic step per address: counting and removing the entry cannot interleave and lose a count
        inUse.compute(client, (k, n) -> {
            int now = n == null ? 0 : n;
            taken[0] = now < perClient;
            return taken[0] ? now + 1 : now == 0 ? null : now;
        });
        return taken[0];
    }

    void release(String client) {
        inUse.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
    }
}

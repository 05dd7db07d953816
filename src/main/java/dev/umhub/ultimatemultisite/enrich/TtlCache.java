package dev.umhub.ultimatemultisite.enrich;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Values read from the platform, reused until they are older than the TTL; a stale value still beats none. */
final class TtlCache<V> {

    private record Entry<V>(V value, Instant storedAt) {
    }

    private static final int MAX_ENTRIES = 10_000;

    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;

    TtlCache(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    void put(String key, V value) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear(); // a crude bound: plans and users are few, this only guards against runaway ids
        }
        entries.put(key, new Entry<>(value, clock.instant()));
    }

    Optional<V> fresh(String key) {
        Entry<V> e = entries.get(key);
        return e != null && !e.storedAt().plus(ttl).isBefore(clock.instant()) ? Optional.of(e.value()) : Optional.empty();
    }

    Optional<V> any(String key) {
        return Optional.ofNullable(entries.get(key)).map(Entry::value);
    }
}

package dev.umhub.admin;

import dev.umhub.delivery.DeliveryLanes;
import dev.umhub.metrics.DeliveryMinutes;
import dev.umhub.store.DeliveryStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Each destination's lane (circuit breaker, pause, rate limit, load), its outbox counts by status, and its last hour of
 * attempts per minute (delivered, failed).
 */
@UmhubAdminApi
public class DestinationsController {

    private final DeliveryLanes lanes;
    private final DeliveryStore store;
    private final DeliveryMinutes minutes;

    public DestinationsController(DeliveryLanes lanes, DeliveryStore store, DeliveryMinutes minutes) {
        this.lanes = lanes;
        this.store = store;
        this.minutes = minutes;
    }

    @GetMapping("/destinations")
    public Map<String, Map<String, Object>> destinations() {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        lanes.status().forEach((name, lane) -> out.put(name, new LinkedHashMap<>(Map.of("lane", lane))));
        for (DeliveryStore.Count c : store.counts()) {
            Map<String, Object> d = out.computeIfAbsent(c.destination(), k -> new LinkedHashMap<>());
            @SuppressWarnings("unchecked")
            Map<String, Object> counts = (Map<String, Object>) d.computeIfAbsent("deliveries", k -> new TreeMap<>());
            counts.put(c.status().column(), c.n());
        }
        if (minutes.sampled()) { // without a meter registry nothing is counted: no figures rather than zeros
            out.forEach((name, d) -> d.put("lastHour", minutes.lastHour(name)));
        }
        return out;
    }
}

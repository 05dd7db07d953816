package dev.umhub.admin;

import dev.umhub.delivery.DeliveryLanes;
import dev.umhub.store.DeliveryStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.web.bind.annotation.GetMapping;

/** Each destination's lane (circuit breaker, pause, rate limit, load) and its outbox counts by status. */
@UmhubAdminApi
public class DestinationsController {

    private final DeliveryLanes lanes;
    private final DeliveryStore store;

    public DestinationsController(DeliveryLanes lanes, DeliveryStore store) {
        this.lanes = lanes;
        this.store = store;
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
        return out;
    }
}

package dev.umhub.store;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** {@code /actuator/health} component {@code umhubStore}: whether umhub's own store answers. */
public class StoreHealth implements HealthIndicator {

    private final Store store;

    public StoreHealth(Store store) {
        this.store = store;
    }

    @Override
    public Health health() {
        try {
            store.template().queryForObject("SELECT 1", Integer.class);
            return Health.up().withDetail("store", store.isH2File() ? "embedded H2 file" : "external database").build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("error", StoreTrouble.describe(e)).build(); // the probe's own error
        }
    }
}

package dev.umhub.camel.routes;

import java.util.List;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * {@code /actuator/health} component {@code umhubRoutes}: DOWN while a route file has no version running (its paths
 * answer 503), UP otherwise; every file's state and last error are in the details, a stale one (its edit refused, the
 * previous version running) included.
 */
public class RouteFilesHealth implements HealthIndicator {

    private final RouteFiles routes;

    public RouteFilesHealth(RouteFiles routes) {
        this.routes = routes;
    }

    @Override
    public Health health() {
        List<RouteFileState> states = routes.states();
        Health.Builder health = states.stream().anyMatch(s -> "failed".equals(s.state())) || !routes.ready()
                ? Health.down() : Health.up();
        for (RouteFileState s : states) {
            health.withDetail(s.file(), s.error() == null ? s.state()
                    : s.state() + ": " + s.errorFile() + (s.errorLine() > 0 ? ":" + s.errorLine() : "") + " " + s.error());
        }
        return health.build();
    }
}

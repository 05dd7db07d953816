package dev.umhub.camel.routes;

import dev.umhub.support.Housekeeping;
import dev.umhub.support.PeriodicTask;
import java.time.Duration;

/**
 * Looks at the routes folder every {@code umhub.routes.poll-interval} and applies what changed. Routes bundled in
 * the jar (no folder configured) cannot change, so then nothing is scheduled.
 */
public class RoutesFolderWatcher extends PeriodicTask {

    private final RouteFiles routes;

    public RoutesFolderWatcher(RouteFiles routes, Housekeeping housekeeping, Duration pollInterval) {
        super(housekeeping, pollInterval);
        this.routes = routes;
    }

    @Override
    public void start() {
        if (routes.watchesAFolder()) {
            super.start();
        }
    }

    @Override
    protected void runOnce() {
        routes.refresh();
    }
}

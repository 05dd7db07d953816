package dev.umhub.connector.route;

import dev.umhub.connector.DestinationProperties;

/**
 * {@code umhub.destinations.<name>.*} of a destination added as a route file: everything every destination has
 * (retry backoff and jitter, workers, rate limit, circuit breaker) and, optionally, its mapping written inline.
 */
public class RouteDestinationProperties extends DestinationProperties {

    /** The request body as a JSONata expression over the canonical event; a {@code <name>.jsonata} file next to the route file wins. */
    private String mapping = "";
    /** Send nothing: record what would be sent (a dry run), as HubSpot and GA4 do without credentials. */
    private boolean dryRun = false;

    public RouteDestinationProperties() {
        super(null, 0);
    }

    @Override
    public boolean isConfigured() {
        return !dryRun;
    }

    public String getMapping() {
        return mapping;
    }

    public void setMapping(String mapping) {
        this.mapping = mapping == null ? "" : mapping;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }
}

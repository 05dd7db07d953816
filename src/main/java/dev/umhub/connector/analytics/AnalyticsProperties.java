package dev.umhub.connector.analytics;

import dev.umhub.connector.DestinationProperties;

/** Settings every product-analytics destination has besides its credentials: how many events go in one request. */
public abstract class AnalyticsProperties extends DestinationProperties {

    /**
     * Deliveries sent together in one request, up to the provider's own limit; 1 sends each on its own. The lane
     * claims this many times max-in-flight rows at once, so very large values cost memory for little gain.
     */
    private int batchSize;

    protected AnalyticsProperties(String baseUrl, int batchSize) {
        super(baseUrl, 0);
        this.batchSize = batchSize;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }
}

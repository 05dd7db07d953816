package dev.umhub.connector.ga4;

import dev.umhub.connector.DestinationProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code umhub.destinations.ga4.*}: the Google Analytics 4 Measurement Protocol destination. */
@ConfigurationProperties(prefix = "umhub.destinations.ga4")
public class Ga4Properties extends DestinationProperties {

    /** The web stream's measurement id (G-XXXXXXX); without it and the API secret GA4 runs dry. */
    private String measurementId = "";
    /** Measurement Protocol API secret of the stream. */
    private String apiSecret = "";
    /**
     * Events of one customer that are due together, sent in one request (GA4 takes at most 25 per request); 1 sends
     * each delivery on its own.
     */
    private int batchSize = 25;
    /**
     * Validate instead of sending: deliveries go to /debug/mp/collect, which checks them and records nothing in
     * reports; a delivery with no validation message is delivered (as validated), one with messages is a dead letter
     * whose reason is GA4's messages. Needs the measurement id and API secret.
     */
    private boolean dryRun;

    public Ga4Properties() {
        // the Measurement Protocol publishes no rate limit and sends no rate-limit signal
        super("https://www.google-analytics.com", 0);
    }

    @Override
    public boolean isConfigured() {
        return present(measurementId) && present(apiSecret);
    }

    public boolean isDryRun() {
        return dryRun;
    }

    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public String getMeasurementId() {
        return measurementId;
    }

    public void setMeasurementId(String measurementId) {
        this.measurementId = measurementId;
    }

    public String getApiSecret() {
        return apiSecret;
    }

    public void setApiSecret(String apiSecret) {
        this.apiSecret = apiSecret;
    }
}

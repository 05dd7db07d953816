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

    public Ga4Properties() {
        // the Measurement Protocol publishes no rate limit and sends no rate-limit signal
        super("https://www.google-analytics.com", 0);
    }

    @Override
    public boolean isConfigured() {
        return present(measurementId) && present(apiSecret);
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

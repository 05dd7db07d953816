package dev.umhub.connector.amplitude;

import dev.umhub.connector.analytics.AnalyticsProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code umhub.destinations.amplitude.*}: Amplitude's HTTP V2 API. */
@ConfigurationProperties(prefix = "umhub.destinations.amplitude")
public class AmplitudeProperties extends AnalyticsProperties {

    /** The project's API key; without it Amplitude runs dry. */
    private String apiKey = "";
    /**
     * How long the deliveries of a user Amplitude throttled (429 naming the user's events) wait before they are sent
     * again: Amplitude allows 30 events per second per user and sends no Retry-After.
     */
    private java.time.Duration throttledUserPause = java.time.Duration.ofSeconds(30);

    public AmplitudeProperties() {
        // EU data center: https://api.eu.amplitude.com. Starter plans are advised to send at most 10 events a request
        super("https://api2.amplitude.com", 100);
    }

    @Override
    public boolean isConfigured() {
        return present(apiKey);
    }

    public java.time.Duration getThrottledUserPause() {
        return throttledUserPause;
    }

    public void setThrottledUserPause(java.time.Duration throttledUserPause) {
        this.throttledUserPause = throttledUserPause;
    }

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }
}

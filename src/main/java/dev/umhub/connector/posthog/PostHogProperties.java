package dev.umhub.connector.posthog;

import dev.umhub.connector.analytics.AnalyticsProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code umhub.destinations.posthog.*}: PostHog's capture API. */
@ConfigurationProperties(prefix = "umhub.destinations.posthog")
public class PostHogProperties extends AnalyticsProperties {

    /** The project API key (phc_...); without it PostHog runs dry. */
    private String apiKey = "";

    public PostHogProperties() {
        // EU cloud: https://eu.i.posthog.com; self-hosted: your instance's URL
        super("https://us.i.posthog.com", 500);
    }

    @Override
    public boolean isConfigured() {
        return present(apiKey);
    }

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }
}

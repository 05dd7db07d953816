package dev.umhub.connector.slack;

import dev.umhub.connector.DestinationProperties;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code umhub.destinations.slack.*}: a Slack incoming webhook for alerts. */
@ConfigurationProperties(prefix = "umhub.destinations.slack")
public class SlackProperties extends DestinationProperties {

    /**
     * The incoming webhook's URL (https://hooks.slack.com/services/T.../B.../...). It is the secret: it never shows in
     * logs, recorded requests or the admin API. Without it Slack runs dry.
     */
    private String webhookUrl = "";

    public SlackProperties() {
        // Slack takes about one message per second per webhook
        super("https://hooks.slack.com", 1);
        setRateLimitPeriod(Duration.ofSeconds(1));
    }

    @Override
    public boolean isConfigured() {
        return present(webhookUrl);
    }

    public String getWebhookUrl() {
        return webhookUrl;
    }

    public void setWebhookUrl(String webhookUrl) {
        this.webhookUrl = webhookUrl;
    }
}

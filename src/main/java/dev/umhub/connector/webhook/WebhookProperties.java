package dev.umhub.connector.webhook;

import dev.umhub.connector.DestinationProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code umhub.destinations.webhook.*}: any HTTP endpoint, sent the canonical event, signed per Standard Webhooks. */
@ConfigurationProperties(prefix = "umhub.destinations.webhook")
public class WebhookProperties extends DestinationProperties {

    /** The endpoint that receives the events (POST); without it the webhook destination runs dry. */
    private String url = "";
    /**
     * Standard Webhooks secret, whsec_ followed by base64 (at least 24 random bytes); the receiver verifies
     * webhook-signature with it. Empty: sent unsigned.
     */
    private String signingSecret = "";

    public WebhookProperties() {
        super(null, 0);
    }

    @Override
    public boolean isConfigured() {
        return present(url);
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getSigningSecret() {
        return signingSecret;
    }

    public void setSigningSecret(String signingSecret) {
        this.signingSecret = signingSecret;
    }
}

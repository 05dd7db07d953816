package dev.umhub.ultimatemultisite;

import dev.umhub.ultimatemultisite.platform.PlatformRestProperties;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/** {@code umhub.sources.ultimate-multisite.*}: the platform's webhooks and its REST API. */
@ConfigurationProperties(prefix = "umhub.sources.ultimate-multisite")
public class UltimateMultisiteProperties {

    /** Secret that webhook callers must pass as ?token=...; webhooks are refused (401) until it is set. */
    private String token = "";
    /** CIDR ranges (e.g. 203.0.113.7/32) allowed to call the webhooks; empty allows any address. */
    private List<String> allowedIps = new ArrayList<>();
    /** Deliver the platform's "Send Test Event" payloads too; by default they are decided but not delivered. */
    private boolean deliverTestEvents = false;
    /** Path under which each event slug has its webhook ({path}/{slug}); the webhook route and the subscribe call use it. */
    private String webhookPath = "/webhooks/ultimate-multisite";
    /** The platform's REST API, read to learn what its webhooks never send. */
    @NestedConfigurationProperty
    private final PlatformRestProperties rest = new PlatformRestProperties();

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token == null ? "" : token;
    }

    public List<String> getAllowedIps() {
        return allowedIps;
    }

    public void setAllowedIps(List<String> allowedIps) {
        this.allowedIps = allowedIps;
    }

    public boolean isDeliverTestEvents() {
        return deliverTestEvents;
    }

    public void setDeliverTestEvents(boolean deliverTestEvents) {
        this.deliverTestEvents = deliverTestEvents;
    }

    public String getWebhookPath() {
        return webhookPath;
    }

    public void setWebhookPath(String webhookPath) {
        String p = webhookPath == null || webhookPath.isBlank() ? "/webhooks/ultimate-multisite" : webhookPath.trim();
        this.webhookPath = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    public PlatformRestProperties getRest() {
        return rest;
    }
}

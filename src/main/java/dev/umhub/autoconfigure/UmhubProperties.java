package dev.umhub.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The few {@code umhub.*} settings of the hub as a whole. Everything else is declared by the package that uses it
 * ({@code umhub.store.*} in store, {@code umhub.delivery.*} in delivery, {@code umhub.destinations.<name>.*} with
 * each connector, {@code umhub.sources.ultimate-multisite.*} in the Ultimate Multisite package, ...).
 */
@ConfigurationProperties(prefix = "umhub")
public class UmhubProperties {

    /** Whether umhub runs at all; false leaves an application that has umhub on its classpath untouched. */
    private boolean enabled = true;
    /** umhub's URL as the platform reaches it (e.g. https://umhub.example.com), used when subscribing webhooks. */
    private String publicUrl = "";

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getPublicUrl() {
        return publicUrl;
    }

    public void setPublicUrl(String publicUrl) {
        this.publicUrl = publicUrl == null ? "" : publicUrl.trim();
    }
}

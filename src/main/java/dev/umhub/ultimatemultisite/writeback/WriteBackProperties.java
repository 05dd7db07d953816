package dev.umhub.ultimatemultisite.writeback;

import dev.umhub.connector.DestinationProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code umhub.destinations.ultimate-multisite.*}: writing the CRM's contact id back to the platform's customer, as
 * customer meta ({@code PUT /wp-json/wu/v2/customer/{id}}), with the REST API credentials of the source
 * ({@code umhub.sources.ultimate-multisite.rest.*}).
 */
@ConfigurationProperties(prefix = "umhub.destinations.ultimate-multisite")
public class WriteBackProperties extends DestinationProperties {

    /** The destination whose contact ids are written back; empty writes nothing back. */
    private String crm = "hubspot";
    /** The customer meta key that receives the contact id. */
    private String metaKey = "crm_contact_id";

    public WriteBackProperties() {
        // the platform is the operator's own server: no published limit
        super("", 0);
    }

    /** Whether the source's REST API has its URL and credentials: told by {@link PlatformWriteBack}. */
    private java.util.function.BooleanSupplier restConfigured = () -> false;

    void restConfigured(java.util.function.BooleanSupplier configured) {
        this.restConfigured = configured;
    }

    /** Configured when the source's REST API is, and a CRM is named. */
    @Override
    public boolean isConfigured() {
        return restConfigured.getAsBoolean() && present(crm);
    }

    public String getCrm() {
        return crm;
    }

    public void setCrm(String crm) {
        this.crm = crm;
    }

    public String getMetaKey() {
        return metaKey;
    }

    public void setMetaKey(String metaKey) {
        this.metaKey = metaKey;
    }
}

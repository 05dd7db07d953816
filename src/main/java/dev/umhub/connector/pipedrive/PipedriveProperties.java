package dev.umhub.connector.pipedrive;

import dev.umhub.connector.DestinationProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code umhub.destinations.pipedrive.*}: Pipedrive persons, found by email and created or updated. */
@ConfigurationProperties(prefix = "umhub.destinations.pipedrive")
public class PipedriveProperties extends DestinationProperties {

    /** A user's personal API token (Personal preferences > API); without it Pipedrive runs dry. */
    private String apiToken = "";
    /** The key of a person custom field for the plan's name (a 40-character hash, Data fields > Person); empty sends no plan. */
    private String planField = "";

    public PipedriveProperties() {
        // your company domain works too: https://<company>.pipedrive.com. Search: 10 requests per 2 s per token
        super("https://api.pipedrive.com", 0);
    }

    @Override
    public boolean isConfigured() {
        return present(apiToken);
    }

    public String getApiToken() {
        return apiToken;
    }

    public void setApiToken(String apiToken) {
        this.apiToken = apiToken;
    }

    public String getPlanField() {
        return planField;
    }

    public void setPlanField(String planField) {
        this.planField = planField;
    }
}

package dev.umhub.connector.hubspot;

import dev.umhub.connector.DestinationProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code umhub.destinations.hubspot.*}: the HubSpot CRM destination. */
@ConfigurationProperties(prefix = "umhub.destinations.hubspot")
public class HubSpotProperties extends DestinationProperties {

    /** Private-app or OAuth access token, sent as Authorization: Bearer; without it HubSpot runs dry. */
    private String accessToken = "";
    /** Contact property that receives the plan name (create it in HubSpot first); empty leaves the plan out. */
    private String planProperty = "umhub_plan";
    /** Contacts per batch upsert request (HubSpot takes 1 to 100); 1 sends each delivery on its own. */
    private int batchSize = 100;

    public HubSpotProperties() {
        // HubSpot's documented burst limit for Free/Starter private apps: 100 requests per 10 s
        super("https://api.hubapi.com", 100);
    }

    @Override
    public boolean isConfigured() {
        return present(accessToken);
    }

    public String getAccessToken() {
        return accessToken;
    }

    public void setAccessToken(String accessToken) {
        this.accessToken = accessToken;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public String getPlanProperty() {
        return planProperty;
    }

    public void setPlanProperty(String planProperty) {
        this.planProperty = planProperty;
    }
}

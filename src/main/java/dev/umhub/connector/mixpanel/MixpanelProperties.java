package dev.umhub.connector.mixpanel;

import dev.umhub.connector.analytics.AnalyticsProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code umhub.destinations.mixpanel.*}: Mixpanel's import API (server-side events). */
@ConfigurationProperties(prefix = "umhub.destinations.mixpanel")
public class MixpanelProperties extends AnalyticsProperties {

    /** The project's id (Project Settings); without it and a service account Mixpanel runs dry. */
    private String projectId = "";
    /** Service account user name (Organization Settings > Service Accounts). */
    private String serviceAccountUsername = "";
    /** Service account secret. */
    private String serviceAccountSecret = "";

    public MixpanelProperties() {
        // EU data residency: https://api-eu.mixpanel.com
        super("https://api.mixpanel.com", 500);
    }

    @Override
    public boolean isConfigured() {
        return present(projectId) && present(serviceAccountUsername) && present(serviceAccountSecret);
    }

    public String getProjectId() {
        return projectId;
    }

    public void setProjectId(String projectId) {
        this.projectId = projectId;
    }

    public String getServiceAccountUsername() {
        return serviceAccountUsername;
    }

    public void setServiceAccountUsername(String serviceAccountUsername) {
        this.serviceAccountUsername = serviceAccountUsername;
    }

    public String getServiceAccountSecret() {
        return serviceAccountSecret;
    }

    public void setServiceAccountSecret(String serviceAccountSecret) {
        this.serviceAccountSecret = serviceAccountSecret;
    }
}

package dev.umhub.connector.salesforce;

import dev.umhub.connector.DestinationProperties;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code umhub.destinations.salesforce.*}: Salesforce Contacts, upserted by an external id field. */
@ConfigurationProperties(prefix = "umhub.destinations.salesforce")
public class SalesforceProperties extends DestinationProperties {

    /** Where the OAuth 2.0 client credentials token is asked for: your org's My Domain URL (https://....my.salesforce.com). */
    private String loginUrl = "https://login.salesforce.com";
    /** The connected app's consumer key; without it and the secret Salesforce runs dry. */
    private String clientId = "";
    /** The connected app's consumer secret. */
    private String clientSecret = "";
    /** The Contact field (External ID, unique) holding the platform's customer id. */
    private String externalIdField = "Umhub_Customer_Id__c";
    /** REST API version. */
    private String apiVersion = "v62.0";
    /** A Contact field for the plan's name (for example Umhub_Plan__c); empty sends no plan. */
    private String planField = "";
    /** Contacts upserted together in one sObject Collections request (Salesforce takes up to 200); 1 sends each alone. */
    private int batchSize = 200;
    /**
     * How long deliveries wait after Salesforce answered REQUEST_LIMIT_EXCEEDED (the org's rolling 24-hour API
     * allowance is used up; it sends no Retry-After).
     */
    private Duration requestLimitWait = Duration.ofMinutes(30);

    public SalesforceProperties() {
        // empty: the instance URL the token answer names; set it to send elsewhere (a proxy)
        super("", 0);
    }

    @Override
    public boolean isConfigured() {
        return present(clientId) && present(clientSecret) && present(loginUrl);
    }

    public String getLoginUrl() {
        return loginUrl;
    }

    public void setLoginUrl(String loginUrl) {
        this.loginUrl = loginUrl;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public String getExternalIdField() {
        return externalIdField;
    }

    public void setExternalIdField(String externalIdField) {
        this.externalIdField = externalIdField;
    }

    public String getApiVersion() {
        return apiVersion;
    }

    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    public String getPlanField() {
        return planField;
    }

    public void setPlanField(String planField) {
        this.planField = planField;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public Duration getRequestLimitWait() {
        return requestLimitWait;
    }

    public void setRequestLimitWait(Duration requestLimitWait) {
        this.requestLimitWait = requestLimitWait;
    }
}

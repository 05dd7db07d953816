package dev.umhub.ultimatemultisite.platform;

import java.time.Duration;

/**
 * {@code umhub.sources.ultimate-multisite.rest.*}: how umhub reads the platform's REST API ({@code /wp-json/wu/v2/}) to
 * learn what its webhooks never send. Without a base URL and key pair the reconciliation is off and lifecycle events
 * come from webhooks only.
 */
public class PlatformRestProperties {

    /** The WordPress network's URL (e.g. https://network.example.com); empty turns REST reconciliation off. */
    private String baseUrl = "";
    /** The platform's API key (Settings > API & Webhooks), sent as the Basic auth user. */
    private String apiKey = "";
    /** The platform's API secret, sent as the Basic auth password; never logged or shown. */
    private String apiSecret = "";
    /** How often the REST API is read for changes. */
    private Duration pollInterval = Duration.ofSeconds(60);
    /** Objects asked for per request (the API's number parameter). */
    private int pageSize = 100;
    /** Most pages read per stream in one poll; the rest follows in the next poll, from the saved cursor. */
    private int maxPagesPerPoll = 50;
    /** On the first run, changes this recent are emitted as events; older state is only recorded (0: none). */
    private Duration backfill = Duration.ZERO;
    /** How long one REST request may take before it counts as a failure. */
    private Duration timeout = Duration.ofSeconds(30);
    /** Longest wait between polls while the platform keeps failing (the wait doubles from the poll interval). */
    private Duration maxBackoff = Duration.ofMinutes(15);
    /** How long a plan or an email read from the platform is reused before it is read again. */
    private Duration cacheTtl = Duration.ofHours(1);
    /** WordPress user whose application password may read users' emails (/wp-json/wp/v2/users); empty: not used. */
    private String wpUser = "";
    /** That user's WordPress application password; never logged or shown. */
    private String wpAppPassword = "";

    /** Reconciliation runs only with a base URL and a key pair. */
    public boolean isConfigured() {
        return !baseUrl.isBlank() && !apiKey.isBlank() && !apiSecret.isBlank();
    }

    public boolean isWordPressUsersConfigured() {
        return !baseUrl.isBlank() && !wpUser.isBlank() && !wpAppPassword.isBlank();
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl == null ? "" : baseUrl.trim();
    }

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey == null ? "" : apiKey;
    }

    public String getApiSecret() {
        return apiSecret;
    }

    public void setApiSecret(String apiSecret) {
        this.apiSecret = apiSecret == null ? "" : apiSecret;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public int getPageSize() {
        return pageSize;
    }

    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    public int getMaxPagesPerPoll() {
        return maxPagesPerPoll;
    }

    public void setMaxPagesPerPoll(int maxPagesPerPoll) {
        this.maxPagesPerPoll = maxPagesPerPoll;
    }

    public Duration getBackfill() {
        return backfill;
    }

    public void setBackfill(Duration backfill) {
        this.backfill = backfill;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    public Duration getCacheTtl() {
        return cacheTtl;
    }

    public void setCacheTtl(Duration cacheTtl) {
        this.cacheTtl = cacheTtl;
    }

    public String getWpUser() {
        return wpUser;
    }

    public void setWpUser(String wpUser) {
        this.wpUser = wpUser == null ? "" : wpUser;
    }

    public String getWpAppPassword() {
        return wpAppPassword;
    }

    public void setWpAppPassword(String wpAppPassword) {
        this.wpAppPassword = wpAppPassword == null ? "" : wpAppPassword;
    }
}

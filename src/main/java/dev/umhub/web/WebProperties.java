package dev.umhub.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code umhub.web.*}: umhub's HTTP front door (webhooks, signed events, the admin API). */
@ConfigurationProperties(prefix = "umhub.web")
public class WebProperties {

    /** Largest accepted request body in bytes, chunked or not; larger ones get 413 without being read whole. */
    private int maxBodyBytes = 1024 * 1024;
    /** Longest time a request body may take to arrive; a slower sender gets 408 and the connection is closed. */
    private Duration bodyReadTimeout = Duration.ofSeconds(10);
    /** Requests one client address may have sending their bodies at once; more get 429 with Retry-After. */
    private int maxConcurrentReadsPerClient = 16;
    /** Treat every path of the web server as umhub's (the standalone server): unknown paths and errors answer problem+json and need the admin token. */
    private boolean ownsServer = false;
    /** Browser origins (scheme://host:port) allowed to send state-changing admin requests besides umhub's own. */
    private List<String> allowedOrigins = new ArrayList<>();

    public int getMaxBodyBytes() {
        return maxBodyBytes;
    }

    public void setMaxBodyBytes(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    public Duration getBodyReadTimeout() {
        return bodyReadTimeout;
    }

    public void setBodyReadTimeout(Duration bodyReadTimeout) {
        this.bodyReadTimeout = bodyReadTimeout;
    }

    public int getMaxConcurrentReadsPerClient() {
        return maxConcurrentReadsPerClient;
    }

    public void setMaxConcurrentReadsPerClient(int maxConcurrentReadsPerClient) {
        this.maxConcurrentReadsPerClient = maxConcurrentReadsPerClient;
    }

    public List<String> getAllowedOrigins() {
        return allowedOrigins;
    }

    public void setAllowedOrigins(List<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins;
    }

    public boolean isOwnsServer() {
        return ownsServer;
    }

    public void setOwnsServer(boolean ownsServer) {
        this.ownsServer = ownsServer;
    }
}

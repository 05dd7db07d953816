package dev.umhub.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code umhub.delivery.*}: how the delivery lanes claim and hand back work. */
@ConfigurationProperties(prefix = "umhub.delivery")
public class DeliveryProperties {

    /** How often each destination lane looks for due deliveries when nothing woke it earlier. */
    private Duration pollInterval = Duration.ofMillis(500);
    /** How long a claimed delivery stays reserved for one instance before another may take it over; renewed while its call runs. */
    private Duration lease = Duration.ofMinutes(2);
    /** On shutdown, how long in-flight deliveries may take to finish; the rest stay in the outbox. */
    private Duration shutdownGrace = Duration.ofSeconds(20);
    /**
     * Connections kept open to one provider host by the shipped destination routes' non-blocking client (each
     * carries one request at a time); requests beyond them wait for a free one.
     */
    private int connectionsPerHost = 64;
    /** How long the shipped destination routes' client waits for a provider's connection to open. */
    private Duration connectTimeout = Duration.ofSeconds(5);
    /**
     * Milliseconds the shipped destination routes wait for a provider's answer (the timeout of their vertx-http
     * endpoints); a call that takes longer fails as a timeout and is retried.
     */
    private long responseTimeoutMs = 30_000;

    public long getResponseTimeoutMs() {
        return responseTimeoutMs;
    }

    public void setResponseTimeoutMs(long responseTimeoutMs) {
        this.responseTimeoutMs = responseTimeoutMs;
    }

    public int getConnectionsPerHost() {
        return connectionsPerHost;
    }

    public void setConnectionsPerHost(int connectionsPerHost) {
        this.connectionsPerHost = connectionsPerHost;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public Duration getLease() {
        return lease;
    }

    public void setLease(Duration lease) {
        this.lease = lease;
    }

    public Duration getShutdownGrace() {
        return shutdownGrace;
    }

    public void setShutdownGrace(Duration shutdownGrace) {
        this.shutdownGrace = shutdownGrace;
    }
}

package dev.umhub.connector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Settings every destination has: where it is, how hard to retry, how many parallel calls. */
public abstract class DestinationProperties {

    /** Provider base URL. */
    private String baseUrl;
    /** Waits between attempts (exponential by default); attempts = waits + 1, then the delivery is a dead letter. */
    private List<Duration> retryBackoff = new ArrayList<>(List.of(Duration.ofSeconds(10), Duration.ofMinutes(1),
            Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(6), Duration.ofHours(12)));
    /** Random spread applied to each wait, as a fraction (0.2 = plus or minus 20 %). */
    private double retryJitter = 0.2;
    /**
     * Threads that start calls to this destination. On a non-blocking route (the shipped ones) a thread is free as
     * soon as its request is on the wire, so a few keep max-in-flight requests going; on a blocking route
     * each waits for its answer and this is the number of parallel calls.
     */
    private int workers = 4;
    /** Requests to this destination in flight at once (at least workers). */
    private int maxInFlight = 32;
    /** Most calls per rate-limit period; 0 means no limit. */
    private int rateLimitRequests;
    /** The period the rate limit counts over. */
    private Duration rateLimitPeriod = Duration.ofSeconds(10);
    /** Consecutive transient failures (5xx, timeouts, refused connections) that open the circuit breaker. */
    private int circuitBreakerFailures = 5;
    /** How long an open circuit breaker waits before it lets one probe call through (half-open). */
    private Duration circuitBreakerOpenFor = Duration.ofSeconds(30);

    protected DestinationProperties(String baseUrl, int rateLimitRequests) {
        this.baseUrl = baseUrl;
        this.rateLimitRequests = rateLimitRequests;
    }

    /** True when the credentials are present; otherwise the destination runs dry and records what it would send. */
    public abstract boolean isConfigured();

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public List<Duration> getRetryBackoff() {
        return retryBackoff;
    }

    public void setRetryBackoff(List<Duration> retryBackoff) {
        this.retryBackoff = retryBackoff;
    }

    public double getRetryJitter() {
        return retryJitter;
    }

    public void setRetryJitter(double retryJitter) {
        this.retryJitter = retryJitter;
    }

    public int getMaxInFlight() {
        return maxInFlight;
    }

    public void setMaxInFlight(int maxInFlight) {
        this.maxInFlight = maxInFlight;
    }

    public int getWorkers() {
        return workers;
    }

    public void setWorkers(int workers) {
        this.workers = workers;
    }

    public int getRateLimitRequests() {
        return rateLimitRequests;
    }

    public void setRateLimitRequests(int rateLimitRequests) {
        this.rateLimitRequests = rateLimitRequests;
    }

    public Duration getRateLimitPeriod() {
        return rateLimitPeriod;
    }

    public void setRateLimitPeriod(Duration rateLimitPeriod) {
        this.rateLimitPeriod = rateLimitPeriod;
    }

    public int getCircuitBreakerFailures() {
        return circuitBreakerFailures;
    }

    public void setCircuitBreakerFailures(int circuitBreakerFailures) {
        this.circuitBreakerFailures = circuitBreakerFailures;
    }

    public Duration getCircuitBreakerOpenFor() {
        return circuitBreakerOpenFor;
    }

    public void setCircuitBreakerOpenFor(Duration circuitBreakerOpenFor) {
        this.circuitBreakerOpenFor = circuitBreakerOpenFor;
    }

    protected static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}

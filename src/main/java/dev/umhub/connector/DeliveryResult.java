package dev.umhub.connector;

import java.time.Duration;
import java.util.Map;

/** How one attempt ended, as the connector reads the provider's answer. */
public sealed interface DeliveryResult {

    /** A short text for people: what the provider said. */
    String summary();

    /**
     * The provider took it.
     *
     * @param externalId the provider's id for the customer when it returns one (e.g. the HubSpot contact id)
     */
    record Delivered(String summary, String externalId) implements DeliveryResult {
    }

    /**
     * A transient failure: try again later.
     *
     * @param retryAfter the provider's own wait (Retry-After), or null to use the backoff schedule
     */
    record RetryLater(String summary, Duration retryAfter) implements DeliveryResult {
    }

    /** The provider refused the content; retrying the same request cannot help. Becomes a dead letter. */
    record Permanent(String summary) implements DeliveryResult {
    }

    static Map<String, Object> describe(DeliveryResult r) {
        return Map.of("outcome", r.getClass().getSimpleName(), "summary", r.summary());
    }
}

package dev.umhub.connector;

import java.util.Map;

/**
 * What umhub keeps about a platform customer across events.
 *
 * @param ga4ClientId a stable GA4 client id minted on first sight
 * @param externalIds ids providers gave the customer, by destination name (e.g. {@code hubspot -> 51})
 */
public record CustomerRecord(String customerId, String email, String name, String ga4ClientId,
                             Map<String, String> externalIds) {
}

package dev.umhub.connector;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What umhub keeps about a platform customer across events.
 *
 * @param externalIds the customer's ids at each destination, by destination name: ids providers gave back (a CRM's
 *                    contact id) and ids umhub made for providers that need one of its making (GA4's client id)
 */
public record CustomerRecord(String customerId, String email, String name, Map<String, String> externalIds) {

    public CustomerRecord {
        externalIds = Map.copyOf(externalIds);
    }

    /** The customer's id at a destination, or null. */
    public String externalId(String destination) {
        return externalIds.get(destination);
    }

    public CustomerRecord withExternalId(String destination, String id) {
        Map<String, String> ids = new LinkedHashMap<>(externalIds);
        ids.put(destination, id);
        return new CustomerRecord(customerId, email, name, ids);
    }
}

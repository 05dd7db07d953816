package dev.umhub.connector;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What umhub keeps about a platform customer across events.
 *
 * @param externalIds the customer's ids at each destination, by destination name: ids providers gave back (a CRM's
 *                    contact id) and ids umhub made for providers that need one of its making (GA4's client id)
 */
public record CustomerRecord(String customerId, String email, String name, Map<String, String> externalIds) {

    public CustomerRecord {
        // by destination name, so that documents and admin answers list them the same way every time
        externalIds = Collections.unmodifiableSortedMap(new TreeMap<>(externalIds));
    }

    /** The customer's id at a destination, or null. */
    public String externalId(String destination) {
        return externalIds.get(destination);
    }

    public CustomerRecord withExternalId(String destination, String id) {
        Map<String, String> ids = new TreeMap<>(externalIds);
        ids.put(destination, id);
        return new CustomerRecord(customerId, email, name, ids);
    }
}

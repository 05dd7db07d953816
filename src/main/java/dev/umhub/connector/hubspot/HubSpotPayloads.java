package dev.umhub.connector.hubspot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.connector.UnmappableEventException;
import dev.umhub.event.Customer;
import dev.umhub.event.PlatformEvent;

/** Maps an event to HubSpot's contact batch upsert body: one input, upserted by email. */
final class HubSpotPayloads {

    private HubSpotPayloads() {
    }

    /**
     * HubSpot has no idempotency header: upsert by email is its dedup. The key still goes along as
     * {@code objectWriteTraceId}, so HubSpot's audit trail names the umhub delivery behind every write.
     */
    static ObjectNode contactUpsert(ObjectMapper json, PlatformEvent event, String planProperty, String key) {
        Customer c = event.customer();
        String email = c == null ? null : c.matchingEmail();
        if (email == null || !email.contains("@")) {
            throw new UnmappableEventException("HubSpot upserts contacts by email, and this event has no customer email");
        }
        ObjectNode properties = json.createObjectNode();
        properties.put("email", email);
        putIfPresent(properties, "firstname", c.firstName());
        putIfPresent(properties, "lastname", c.lastName());
        if (planProperty != null && !planProperty.isBlank()) {
            putIfPresent(properties, planProperty, dev.umhub.connector.PlanNames.of(event));
        }
        ObjectNode body = json.createObjectNode();
        ObjectNode input = body.putArray("inputs").addObject();
        input.put("idProperty", "email");
        input.put("id", email);
        input.set("properties", properties);
        input.put("objectWriteTraceId", key);
        return body;
    }

    private static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null && !value.isBlank()) {
            node.put(name, value);
        }
    }
}

package dev.umhub.connector.route;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.connector.CustomerRecord;
import dev.umhub.event.PlatformEvent;
import java.util.List;

/**
 * What a route destination gets, and what its mapping reads: the canonical event (CloudEvents attributes and
 * {@code data}) with the delivery's own facts: the destination, the actions rules chose, the idempotency key, and the
 * customer's ids at each destination.
 */
public final class CanonicalDocument {

    private CanonicalDocument() {
    }

    public static ObjectNode of(ObjectMapper json, PlatformEvent event, String destination, List<String> actions,
                                String idempotencyKey, CustomerRecord customer) {
        ObjectNode doc = json.createObjectNode();
        doc.put("specversion", PlatformEvent.SPEC_VERSION);
        ObjectNode e = json.valueToTree(event);
        doc.setAll(e);
        doc.put("destination", destination);
        doc.put("action", actions.isEmpty() ? null : actions.get(0));
        doc.set("actions", json.valueToTree(actions));
        doc.put("idempotencyKey", idempotencyKey);
        if (customer != null) {
            doc.set("externalIds", json.valueToTree(customer.externalIds()));
        }
        return doc;
    }
}

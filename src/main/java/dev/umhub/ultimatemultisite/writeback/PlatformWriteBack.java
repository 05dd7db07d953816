package dev.umhub.ultimatemultisite.writeback;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.connector.Connector;
import dev.umhub.connector.CustomerRecord;
import dev.umhub.connector.DeliveryAnswer;
import dev.umhub.connector.DeliveryResult;
import dev.umhub.connector.Outcomes;
import dev.umhub.connector.PreparedRequest;
import dev.umhub.connector.UnmappableEventException;
import dev.umhub.event.PlatformEvent;
import dev.umhub.store.Json;
import dev.umhub.ultimatemultisite.platform.PlatformRestProperties;
import java.util.List;
import java.util.Map;

/**
 * The platform as a destination: the CRM's contact id written to the customer's meta
 * ({@code PUT /wp-json/wu/v2/customer/{id}} with {@code {"meta": {"crm_contact_id": "..."}}}), so the network's own
 * code and admins see it. A delivery like any other: retried, dead-lettered, replayable. Its route is
 * {@code routes/destinations/ultimate-multisite.yaml}.
 */
public class PlatformWriteBack implements Connector {

    public static final String NAME = "ultimate-multisite";
    static final String ACTION = "write_crm_id";

    private final WriteBackProperties properties;
    private final PlatformRestProperties rest;
    private final Json json;

    public PlatformWriteBack(WriteBackProperties properties, PlatformRestProperties rest, Json json) {
        this.properties = properties;
        this.rest = rest;
        this.json = json;
        properties.restConfigured(rest::isConfigured);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public WriteBackProperties properties() {
        return properties;
    }

    @Override
    public PreparedRequest prepare(PlatformEvent event, List<String> actions, CustomerRecord customer,
                                   String idempotencyKey) {
        String contact = customer == null || properties.getCrm().isBlank() ? null
                : customer.externalId(properties.getCrm());
        if (customer == null || customer.customerId() == null || contact == null) {
            throw new UnmappableEventException("no " + properties.getCrm() + " contact id known for this customer");
        }
        ObjectNode body = json.mapper().createObjectNode();
        body.putObject("meta").put(properties.getMetaKey(), contact);
        return new PreparedRequest("PUT", rest.getBaseUrl() + "/wp-json/wu/v2/customer/" + customer.customerId(),
                Map.of("Authorization", "Basic ****", "Content-Type", "application/json"), body.toString());
    }

    /** The plugin answers 200 with the customer; 400 for a body it refuses, 401 for bad credentials (permanent). */
    @Override
    public DeliveryResult interpret(DeliveryAnswer answer) {
        return Outcomes.standard(answer);
    }
}

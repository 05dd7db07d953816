package dev.umhub.connector.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.connector.Connector;
import dev.umhub.connector.CustomerRecord;
import dev.umhub.connector.DeliveryAnswer;
import dev.umhub.connector.DeliveryResult;
import dev.umhub.connector.DestinationProperties;
import dev.umhub.connector.Outcomes;
import dev.umhub.connector.PreparedRequest;
import dev.umhub.event.PlatformEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A destination added without Java: a route file that consumes {@code direct:deliver-<name>}. It gets what every
 * destination gets (an outbox row per event, per-customer order, retries, dead letters, replay, an idempotency key);
 * its body is umhub's canonical event document, or what the destination's JSONata mapping makes of it; its answers
 * are read by the shared rules ({@link Outcomes#standard}): an HTTP status where the route called something that has
 * one, otherwise an exception is retried unless the route marked it permanent.
 */
public final class RouteDestination implements Connector {

    private final String name;
    private final RouteDestinationProperties properties;
    private final Supplier<JsonataMapping> mapping;
    private final ObjectMapper json;

    /** @param mapping the destination's mapping now (its file can be edited while umhub runs), or null for none */
    public RouteDestination(String name, RouteDestinationProperties properties, Supplier<JsonataMapping> mapping,
                            ObjectMapper json) {
        this.name = name;
        this.properties = properties;
        this.mapping = mapping;
        this.json = json;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DestinationProperties properties() {
        return properties;
    }

    @Override
    public PreparedRequest prepare(PlatformEvent event, List<String> actions, CustomerRecord customer,
                                   String idempotencyKey) {
        ObjectNode document = CanonicalDocument.of(json, event, name, actions, idempotencyKey, customer);
        JsonataMapping m = mapping.get();
        JsonNode body = m == null ? document : m.apply(json, document);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Idempotency-Key", idempotencyKey);
        return new PreparedRequest("POST", endpointUri()
                + (m == null ? "" : " (body mapped by " + m.source() + ")"), headers, body.toString());
    }

    @Override
    public DeliveryResult interpret(DeliveryAnswer answer) {
        return Outcomes.standard(answer);
    }
}

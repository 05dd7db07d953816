package dev.umhub.connector.pipedrive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.umhub.store.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;

/**
 * The calls of a Pipedrive delivery, for {@code routes/destinations/pipedrive.yaml}: the search by email (unless the
 * person's id is known), then the update of the person found, or its creation. The API token goes in the query when
 * sent, never in the stored delivery.
 */
public class PipedriveRequests {

    /** The exchange property holding the delivery's body while the search answers. */
    static final String DELIVERY = "umhubPipedriveDelivery";

    private final PipedriveProperties properties;
    private final ObjectMapper json;

    public PipedriveRequests(PipedriveProperties properties, Json json) {
        this.properties = properties;
        this.json = json.mapper();
    }

    /** Whether the person must be searched for first (umhub does not know its id yet). */
    public boolean needsSearch(Exchange exchange) {
        return !delivery(exchange).hasNonNull("personId");
    }

    public void search(Exchange exchange) {
        exchange.getIn().setHeader(Exchange.HTTP_METHOD, "GET");
        // the query in the URI itself: with a URI header, vertx-http takes no separate query header
        exchange.getIn().setHeader(Exchange.HTTP_URI, properties.getBaseUrl() + "/api/v2/persons/search?term="
                + enc(delivery(exchange).path("email").asText()) + "&fields=email&exact_match=true&api_token="
                + enc(properties.getApiToken()));
        exchange.getIn().setBody(null);
    }

    /** After a search that answered 200, or without one: the update of the known or found person, or a creation. */
    public void write(Exchange exchange) {
        JsonNode delivery = delivery(exchange);
        String id = delivery.hasNonNull("personId") ? delivery.path("personId").asText() : found(exchange);
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setHeader(Exchange.HTTP_METHOD, id == null ? "POST" : "PATCH");
        exchange.getIn().setHeader(Exchange.HTTP_URI, properties.getBaseUrl() + "/api/v2/persons"
                + (id == null ? "" : "/" + enc(id)) + "?api_token=" + enc(properties.getApiToken()));
        exchange.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getIn().setBody(delivery.path("person").toString());
    }

    /**
     * After an update answered 404: the person umhub knew is gone (deleted, or merged into another, in Pipedrive).
     * True then, and the delivery forgets the id, so it searches by email and updates what it finds, or creates.
     */
    public boolean forgetGonePerson(Exchange exchange) {
        JsonNode delivery = delivery(exchange);
        Integer status = exchange.getIn().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status == null || status != 404 || !delivery.hasNonNull("personId")) {
            return false;
        }
        ((com.fasterxml.jackson.databind.node.ObjectNode) delivery).remove("personId");
        exchange.setProperty(DELIVERY, delivery.toString());
        return true;
    }

    /** The first exact match of the search answer, or null. */
    private String found(Exchange exchange) {
        JsonNode items = Json.readOrEmpty(json, exchange.getIn().getBody(String.class)).path("data").path("items");
        return items.isArray() && !items.isEmpty() ? items.get(0).path("item").path("id").asText(null) : null;
    }

    private JsonNode delivery(Exchange exchange) {
        return Json.readOrEmpty(json, exchange.getProperty(DELIVERY, String.class));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}

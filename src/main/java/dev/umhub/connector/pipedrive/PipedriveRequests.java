package dev.umhub.connector.pipedrive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.store.Json;
import org.apache.camel.Exchange;

/**
 * The person calls of a Pipedrive delivery, for {@code routes/destinations/pipedrive.yaml}: the search by email (unless
 * the person's id is known), then the update of the person found, or its creation. A {@code create_deal} delivery
 * alone writes the person only when there is none. The API token goes in the query when sent, never in the stored
 * delivery.
 */
public class PipedriveRequests {

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
        PipedriveAttempt.call(exchange, "GET", properties.getBaseUrl() + "/api/v2/persons/search?term="
                + PipedriveAttempt.enc(delivery(exchange).path("email").asText()) + "&fields=email&exact_match=true",
                properties.getApiToken(), null);
    }

    /** After a search that answered 200: the first exact match is the person, or there is none. */
    public void found(Exchange exchange) {
        JsonNode items = Json.readOrEmpty(json, exchange.getIn().getBody(String.class)).path("data").path("items");
        String id = items.isArray() && !items.isEmpty() ? items.get(0).path("item").path("id").asText(null) : null;
        if (id == null) {
            exchange.removeProperty(PipedriveAttempt.PERSON);
        } else {
            exchange.setProperty(PipedriveAttempt.PERSON, id);
        }
    }

    /**
     * Whether the person is written: always for {@code upsert_contact} (and any action but {@code create_deal}); for
     * {@code create_deal} alone only when umhub neither knows nor found one, since a deal needs a person.
     */
    public boolean writesPerson(Exchange exchange) {
        return delivery(exchange).path("writePerson").asBoolean(true)
                || PipedriveAttempt.personId(json, exchange) == null;
    }

    /** After a search that answered 200, or without one: the update of the known or found person, or a creation. */
    public void write(Exchange exchange) {
        JsonNode delivery = delivery(exchange);
        String id = PipedriveAttempt.personId(json, exchange);
        exchange.setProperty(PipedriveAttempt.PERSON_MADE, id == null);
        PipedriveAttempt.call(exchange, id == null ? "POST" : "PATCH", properties.getBaseUrl() + "/api/v2/persons"
                + (id == null ? "" : "/" + PipedriveAttempt.enc(id)), properties.getApiToken(),
                delivery.path("person").toString());
    }

    /**
     * After a write that answered 2xx: the person's id in the answer is the one the deal gets. (The delivery's own
     * answer carries it too, when the person is the last call.)
     */
    public void written(Exchange exchange) {
        JsonNode data = Json.readOrEmpty(json, exchange.getIn().getBody(String.class)).path("data");
        if (data.hasNonNull("id")) {
            exchange.setProperty(PipedriveAttempt.PERSON, data.path("id").asText());
        }
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
        ((ObjectNode) delivery).remove("personId");
        exchange.setProperty(PipedriveAttempt.DELIVERY, delivery.toString());
        exchange.removeProperty(PipedriveAttempt.PERSON);
        return true;
    }

    private JsonNode delivery(Exchange exchange) {
        return PipedriveAttempt.delivery(json, exchange);
    }
}

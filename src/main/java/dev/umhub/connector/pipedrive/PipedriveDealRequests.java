package dev.umhub.connector.pipedrive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.store.Json;
import org.apache.camel.Exchange;

/**
 * The deal calls of a {@code create_deal} delivery, for {@code routes/destinations/pipedrive.yaml}, after the person
 * calls ({@link PipedriveRequests}) have found or written the person: {@code POST /api/v2/deals} with its id.
 *
 * <p>Pipedrive has no idempotency key, and a retry sends the deal again. Where Pipedrive itself answered an error the first time
 * (429, 503) it made nothing, and the retry makes the one deal. Where it made the deal and the answer was
 * lost (a timeout, a reset connection, umhub stopped before it recorded the answer) the retry would make a second one;
 * with {@code deal-key-field} set, each deal carries its delivery's key in that custom field, and a retry first lists
 * the person's newest deals ({@code GET /api/v2/deals?person_id=}) and takes the one with its key as its answer.
 */
public class PipedriveDealRequests {

    /** The answer header that says the deal was one an earlier attempt made, found by its key. */
    static final String EARLIER_DEAL = "UmhubPipedriveEarlierDeal";
    /** The exchange property holding the deal an earlier attempt made, once found. */
    private static final String EARLIER = "umhubPipedriveEarlierDeal";
    /**
     * The newest deals of the person looked at for an earlier attempt's. Deliveries of one email go one at a time, so
     * between that attempt and its retry only people in Pipedrive add deals to the person: a hundred is plenty.
     */
    static final int NEWEST_DEALS = 100;

    private final PipedriveProperties properties;
    private final ObjectMapper json;

    public PipedriveDealRequests(PipedriveProperties properties, Json json) {
        this.properties = properties;
        this.json = json.mapper();
    }

    /** Whether the delivery opens a deal ({@code create_deal}). */
    public boolean makesDeal(Exchange exchange) {
        return delivery(exchange).has("deal");
    }

    /**
     * Whether to look for the deal an earlier attempt made: when the deals carry a key, and the person was not made
     * by this attempt (a person made just now has no deals).
     */
    public boolean looksForEarlierDeal(Exchange exchange) {
        return delivery(exchange).path("dealKey").hasNonNull("field")
                && !exchange.getProperty(PipedriveAttempt.PERSON_MADE, false, Boolean.class);
    }

    /** The person's newest deals, with the key field only. */
    public void list(Exchange exchange) {
        String field = delivery(exchange).path("dealKey").path("field").asText();
        PipedriveAttempt.call(exchange, "GET", properties.getBaseUrl() + "/api/v2/deals?person_id="
                + PipedriveAttempt.enc(PipedriveAttempt.personId(json, exchange)) + "&sort_by=id&sort_direction=desc"
                + "&limit=" + NEWEST_DEALS + "&custom_fields=" + PipedriveAttempt.enc(field), properties.getApiToken(),
                null);
    }

    /**
     * After the list answered 200: true when a deal has this delivery's key; it is kept for {@link #answerEarlierDeal}.
     * (A predicate sees a copy of the message, so it changes none.)
     */
    public boolean earlierDeal(Exchange exchange) {
        JsonNode key = delivery(exchange).path("dealKey");
        String field = key.path("field").asText();
        String value = key.path("value").asText();
        for (JsonNode deal : Json.readOrEmpty(json, exchange.getIn().getBody(String.class)).path("data")) {
            JsonNode kept = deal.path("custom_fields").path(field);
            if (value.equals(kept.isObject() ? kept.path("value").asText() : kept.asText())) {
                exchange.setProperty(EARLIER, deal);
                return true;
            }
        }
        return false;
    }

    /** The deal an earlier attempt made is the delivery's answer, as if its creation had just answered. */
    public void answerEarlierDeal(Exchange exchange) {
        ObjectNode answer = json.createObjectNode().put("success", true);
        JsonNode deal = exchange.getProperty(EARLIER, JsonNode.class);
        answer.set("data", deal != null ? deal : json.createObjectNode());
        exchange.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getIn().setHeader(EARLIER_DEAL, "true");
        exchange.getIn().setBody(answer.toString());
    }

    /** The deal, for the person found, known or written. */
    public void write(Exchange exchange) {
        ObjectNode deal = ((ObjectNode) delivery(exchange).path("deal")).deepCopy();
        String person = PipedriveAttempt.personId(json, exchange);
        if (person != null && person.matches("\\d{1,18}")) {
            deal.put("person_id", Long.parseLong(person)); // an integer, as API v2 wants it; umhub keeps ids as text
        } else if (person != null) {
            deal.put("person_id", person);
        }
        PipedriveAttempt.call(exchange, "POST", properties.getBaseUrl() + "/api/v2/deals", properties.getApiToken(),
                deal.toString());
    }

    private JsonNode delivery(Exchange exchange) {
        return PipedriveAttempt.delivery(json, exchange);
    }
}

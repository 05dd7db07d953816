package dev.umhub.connector.pipedrive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.umhub.store.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;

/**
 * What one attempt of a Pipedrive delivery has learnt so far, kept in exchange properties between its calls: the
 * delivery's body, and the person's id once a search found it or a write answered it. The person calls
 * ({@link PipedriveRequests}) leave it there for the deal ({@link PipedriveDealRequests}).
 */
final class PipedriveAttempt {

    /** The exchange property holding the delivery's body while the calls answer. */
    static final String DELIVERY = "umhubPipedriveDelivery";
    /** The delivery's body as parsed ({@link #delivery}). */
    private static final String PARSED = "umhubPipedriveDeliveryParsed";
    /** The person's id as this attempt found or wrote it. */
    static final String PERSON = "umhubPipedrivePerson";
    /** Set when this attempt made the person: a person made just now has no deals yet. */
    static final String PERSON_MADE = "umhubPipedrivePersonMade";

    private PipedriveAttempt() {
    }

    /**
     * The delivery's body, parsed once per attempt (every step of the calls asks for it): kept with the text it was
     * read from, so a step that writes the text anew ({@link PipedriveRequests#forgetGonePerson}) is read again.
     */
    static JsonNode delivery(ObjectMapper json, Exchange exchange) {
        String text = exchange.getProperty(DELIVERY, String.class);
        if (exchange.getProperty(PARSED) instanceof Parsed p && p.text() == text) {
            return p.body();
        }
        JsonNode body = Json.readOrEmpty(json, text);
        exchange.setProperty(PARSED, new Parsed(text, body));
        return body;
    }

    /** A delivery's body and the text it was parsed from. */
    private record Parsed(String text, JsonNode body) {
    }

    /** The person's id: as found or written in this attempt, else the one umhub knew; null when neither. */
    static String personId(ObjectMapper json, Exchange exchange) {
        String seen = exchange.getProperty(PERSON, String.class);
        if (seen != null) {
            return seen;
        }
        JsonNode delivery = delivery(json, exchange);
        return delivery.hasNonNull("personId") ? delivery.path("personId").asText() : null;
    }

    /** Sets up the next call, the message's headers and body all replaced, the API token in the query. */
    static void call(Exchange exchange, String method, String url, String token, String body) {
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setHeader(Exchange.HTTP_METHOD, method);
        // the query in the URI itself: with a URI header, vertx-http takes no separate query header
        exchange.getIn().setHeader(Exchange.HTTP_URI, url + (url.contains("?") ? "&" : "?") + "api_token=" + enc(token));
        if (body != null) {
            exchange.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
        }
        exchange.getIn().setBody(body);
    }

    static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}

package dev.umhub.connector.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.store.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Makes a Salesforce delivery's request when it is sent ({@code routes/destinations/salesforce.yaml}): the token and
 * the instance URL ({@link SalesforceTokens}), and the URL of the form the body calls for: a lone record goes to
 * {@code /sobjects/Contact/<field>/<value>} with its fields only, several to sObject Collections.
 */
public class SalesforceRequest implements Processor {

    /**
     * The generation of the token a request was sent with: an exchange property here, which the route copies into the
     * answer's headers, so the connector knows which token a 401 refused.
     */
    public static final String GENERATION = "UmhubSalesforceGeneration";

    private final SalesforceProperties properties;
    private final SalesforceTokens tokens;
    private final ObjectMapper json;

    public SalesforceRequest(SalesforceProperties properties, SalesforceTokens tokens, Json json) {
        this.properties = properties;
        this.tokens = tokens;
        this.json = json.mapper();
    }

    @Override
    public void process(Exchange exchange) {
        SalesforceTokens.Token token = tokens.token();
        String field = properties.getExternalIdField();
        String base = token.instanceUrl() + "/services/data/" + properties.getApiVersion();
        JsonNode body = Json.readOrEmpty(json, exchange.getIn().getBody(String.class));
        JsonNode records = body.path("records");
        if (records.size() == 1) {
            ObjectNode fields = ((ObjectNode) records.get(0)).deepCopy();
            String value = fields.path(field).asText();
            fields.remove(field); // the single form names it in the URL only
            fields.remove("attributes");
            exchange.getIn().setBody(fields.toString());
            exchange.getIn().setHeader(Exchange.HTTP_URI, base + "/sobjects/Contact/" + field + "/"
                    + URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
        } else {
            exchange.getIn().setHeader(Exchange.HTTP_URI, base + "/composite/sobjects/Contact/" + field);
        }
        exchange.getIn().setHeader("Authorization", "Bearer " + token.accessToken());
        exchange.setProperty(GENERATION, token.generation());
    }
}

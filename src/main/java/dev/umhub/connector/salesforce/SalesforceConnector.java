package dev.umhub.connector.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.connector.BatchingConnector;
import dev.umhub.connector.CustomerRecord;
import dev.umhub.connector.DeliveryAnswer;
import dev.umhub.connector.DeliveryResult;
import dev.umhub.connector.Outcomes;
import dev.umhub.connector.PlanNames;
import dev.umhub.connector.PreparedRequest;
import dev.umhub.connector.ProviderConnector;
import dev.umhub.connector.UnmappableEventException;
import dev.umhub.event.Customer;
import dev.umhub.event.PlatformEvent;
import dev.umhub.store.Json;
import dev.umhub.support.Sha256;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Salesforce Contacts, upserted by an external id field holding the platform's customer id: one Contact with
 * {@code PATCH /services/data/vXX.X/sobjects/Contact/<field>/<value>}, several with sObject Collections
 * ({@code PATCH .../composite/sobjects/Contact/<field>}, up to 200, {@code allOrNone} false, one result per record).
 * Each delivery's body is a collection of one record; {@link SalesforceRequest} turns a lone one into the single form
 * when it is sent, adding the token. Salesforce's Contact id is kept as the customer's id there.
 */
public class SalesforceConnector extends ProviderConnector<SalesforceProperties> implements BatchingConnector {

    public static final String NAME = "salesforce";
    static final int MAX_RECORDS = 200;

    private final SalesforceTokens tokens;

    public SalesforceConnector(SalesforceProperties properties, SalesforceTokens tokens, Json json) {
        super(NAME, properties, json);
        this.tokens = tokens;
    }

    @Override
    public PreparedRequest prepare(PlatformEvent event, List<String> actions, CustomerRecord customer,
                                   String idempotencyKey) {
        Customer c = event.customer();
        String email = c == null ? null : c.matchingEmail();
        if (c == null || c.id() == null || email == null || !email.contains("@")) {
            throw new UnmappableEventException("a Salesforce Contact needs the customer's id and email, and this event"
                    + " lacks " + (c == null || c.id() == null ? "the customer" : "the email"));
        }
        ObjectNode record = json.createObjectNode();
        record.putObject("attributes").put("type", "Contact");
        record.put(properties.getExternalIdField(), c.id());
        record.put("Email", email);
        if (!c.firstName().isBlank() && !c.lastName().isBlank()) {
            record.put("FirstName", c.firstName());
        }
        // a Contact needs a LastName: the last word of the name, the name itself, or the email
        record.put("LastName", !c.lastName().isBlank() ? c.lastName() : !c.firstName().isBlank() ? c.firstName() : email);
        String plan = PlanNames.of(event);
        if (!properties.getPlanField().isBlank() && plan != null) {
            record.put(properties.getPlanField(), plan);
        }
        ObjectNode body = json.createObjectNode();
        body.put("allOrNone", false);
        body.putArray("records").add(record);
        return new PreparedRequest("PATCH", "<instance>/services/data/" + properties.getApiVersion()
                + "/sobjects/Contact/" + properties.getExternalIdField() + "/" + c.id(),
                Map.of("Content-Type", "application/json", "Authorization", "Bearer ****"), body.toString());
    }

    /** An upsert changes the Contact's fields and nothing else: two with the same fields are the same write. */
    @Override
    public String contentKey(PreparedRequest request) {
        JsonNode record = Json.readOrEmpty(json, request.body()).path("records").path(0);
        TreeMap<String, String> fields = new TreeMap<>();
        record.fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue().toString()));
        return record.isMissingNode() ? null : Sha256.hex(fields.toString());
    }

    @Override
    public boolean skipsUnchanged() {
        return true;
    }

    @Override
    public int batchSize() {
        return Math.max(1, Math.min(MAX_RECORDS, properties.getBatchSize()));
    }

    /** Records in order; a second record of the same Contact waits for a later request. */
    @Override
    public Batch combine(List<String> bodies) {
        ObjectNode combined = json.createObjectNode();
        combined.put("allOrNone", false);
        ArrayNode records = combined.putArray("records");
        List<Integer> members = new ArrayList<>();
        Set<String> contacts = new HashSet<>();
        for (int i = 0; i < bodies.size() && records.size() < batchSize(); i++) {
            JsonNode record = Json.readOrEmpty(json, bodies.get(i)).path("records").path(0);
            if (contacts.add(record.path(properties.getExternalIdField()).asText())) {
                records.add(record);
                members.add(i);
            }
        }
        return new Batch(combined.toString(), members);
    }

    @Override
    public List<DeliveryResult> interpretBatch(DeliveryAnswer answer, List<String> memberBodies) {
        JsonNode results = answer.status() != null && answer.status() == 200
                ? Json.readOrEmpty(json, answer.body()) : null;
        if (results == null || !results.isArray() || results.size() != memberBodies.size()) {
            return answeredAsAWhole(answer, memberBodies);
        }
        tokens.worked(generation(answer));
        List<DeliveryResult> out = new ArrayList<>();
        for (JsonNode r : results) {
            out.add(r.path("success").asBoolean() ? delivered(r) : recordFailure(r.path("errors")));
        }
        return out;
    }

    @Override
    public DeliveryResult interpret(DeliveryAnswer answer) {
        Integer s = answer.status();
        if (s == null) {
            return Outcomes.standard(answer); // no answer, or the token could not be had
        }
        if (s == 200 || s == 201 || s == 204) {
            tokens.worked(generation(answer));
            JsonNode r = Json.readOrEmpty(json, answer.body());
            return r.isArray() && r.size() == 1 ? (r.get(0).path("success").asBoolean() ? delivered(r.get(0))
                    : recordFailure(r.get(0).path("errors"))) : delivered(r);
        }
        if (s == 300) {
            return new DeliveryResult.Permanent("HTTP 300: several Contacts have this "
                    + properties.getExternalIdField() + "; nothing was written");
        }
        if (s == 401) {
            return tokens.refused(generation(answer))
                    ? new DeliveryResult.RetryLater("HTTP 401: the session expired; a new token is asked for",
                    Duration.ZERO)
                    : new DeliveryResult.Permanent("HTTP 401 with a fresh token: " + Outcomes.excerpt(answer.body()));
        }
        if (s == 400 && answer.body().contains("UNABLE_TO_LOCK_ROW")) {
            return new DeliveryResult.RetryLater("HTTP 400 UNABLE_TO_LOCK_ROW: the record is locked by another update",
                    null);
        }
        if (s == 403 && answer.body().contains("REQUEST_LIMIT_EXCEEDED")) {
            return new DeliveryResult.RetryLater("HTTP 403 REQUEST_LIMIT_EXCEEDED ("
                    + answer.header("Sforce-Limit-Info") + ")", properties.getRequestLimitWait());
        }
        return Outcomes.failure(answer);
    }

    /** The generation of the token the answered request was sent with (-1 when unknown: treated as the oldest). */
    private static long generation(DeliveryAnswer answer) {
        try {
            return Long.parseLong(answer.header(SalesforceRequest.GENERATION));
        } catch (NumberFormatException | NullPointerException unknown) {
            return -1;
        }
    }

    private static DeliveryResult delivered(JsonNode result) {
        String id = result.path("id").asText(null);
        boolean created = result.path("created").asBoolean(false);
        return new DeliveryResult.Delivered("Contact " + (id == null ? "updated" : id + (created ? " created"
                : " updated")), id);
    }

    /** A record's errors: row-lock contention passes, anything else is the record's own fault. */
    private static DeliveryResult recordFailure(JsonNode errors) {
        String codes = errors.findValuesAsText("statusCode").toString();
        String summary = "Salesforce refused the record: " + Outcomes.excerpt(errors.toString());
        return codes.contains("UNABLE_TO_LOCK_ROW") ? new DeliveryResult.RetryLater(summary, null)
                : new DeliveryResult.Permanent(summary);
    }
}

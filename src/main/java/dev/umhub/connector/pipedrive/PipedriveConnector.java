package dev.umhub.connector.pipedrive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.List;
import java.util.Map;

/**
 * Pipedrive persons. Pipedrive has no upsert and no idempotency key: a person is found by email
 * ({@code GET /api/v2/persons/search?fields=email&exact_match=true}), then updated ({@code PATCH /api/v2/persons/{id}})
 * or created ({@code POST /api/v2/persons}); once umhub knows the person's id (kept from the answer) it updates
 * directly. Deliveries of one email go one at a time ({@link #orderKey}), so none races another into two persons.
 * {@link PipedriveRequests} makes the calls in the route; the plan goes in a person custom field.
 */
public class PipedriveConnector extends ProviderConnector<PipedriveProperties> {

    public static final String NAME = "pipedrive";

    public PipedriveConnector(PipedriveProperties properties, Json json) {
        super(NAME, properties, json);
    }

    /** The body: the email to find the person by, the person's id when known, and the person's fields. */
    @Override
    public PreparedRequest prepare(PlatformEvent event, List<String> actions, CustomerRecord customer,
                                   String idempotencyKey) {
        Customer c = event.customer();
        String email = c == null || c.email() == null ? null : c.email().trim().toLowerCase();
        if (email == null || !email.contains("@")) {
            throw new UnmappableEventException("Pipedrive finds persons by email, and this event has no customer email");
        }
        ObjectNode body = json.createObjectNode();
        body.put("email", email);
        String known = customer == null ? null : customer.externalId(NAME);
        if (known != null) {
            body.put("personId", known);
        }
        ObjectNode person = body.putObject("person");
        person.put("name", c.name() == null || c.name().isBlank() ? email : c.name().trim());
        person.putArray("emails").addObject().put("value", email).put("primary", true).put("label", "work");
        String plan = PlanNames.of(event);
        if (!properties.getPlanField().isBlank() && plan != null) {
            person.putObject("custom_fields").put(properties.getPlanField(), plan); // API v2: custom fields apart
        }
        return new PreparedRequest(known == null ? "GET+POST|PATCH" : "PATCH", properties.getBaseUrl()
                + (known == null ? "/api/v2/persons/search?term=" + email + " then /api/v2/persons[/{id}]"
                : "/api/v2/persons/" + known) + " (api_token added when sent)",
                Map.of("Content-Type", "application/json"), body.toString());
    }

    /**
     * Serialised per email, not per customer: Pipedrive has no upsert, so two deliveries of one email in flight at once
     * (two customers sharing it) would both find nobody and create two persons.
     */
    @Override
    public java.util.Optional<String> orderKey(PlatformEvent event) {
        Customer c = event.customer();
        return c == null || c.email() == null ? java.util.Optional.empty()
                : java.util.Optional.of("email/" + c.email().trim().toLowerCase());
    }

    /** An update changes the person's fields only: the same fields twice are one write. */
    @Override
    public String contentKey(PreparedRequest request) {
        JsonNode body = Json.readOrEmpty(json, request.body());
        return body.has("person") ? Sha256.hex(body.path("email").asText() + "\n" + body.path("person")) : null;
    }

    @Override
    public boolean skipsUnchanged() {
        return true;
    }

    @Override
    public DeliveryResult interpret(DeliveryAnswer answer) {
        Integer s = answer.status();
        if (s != null && (s == 200 || s == 201)) {
            JsonNode data = Json.readOrEmpty(json, answer.body()).path("data");
            String id = data.hasNonNull("id") ? data.path("id").asText() : null;
            return new DeliveryResult.Delivered("person " + (id == null ? "written" : id), id);
        }
        if (s != null && s == 429 && answer.header("Retry-After") == null && answer.header("x-ratelimit-reset") != null) {
            Duration reset = Outcomes.retryAfter(answer.header("x-ratelimit-reset"));
            return new DeliveryResult.RetryLater("HTTP 429: Pipedrive's rate limit", reset);
        }
        if (s != null && s == 501) {
            return new DeliveryResult.Permanent("HTTP 501: not implemented for this account: "
                    + Outcomes.excerpt(answer.body()));
        }
        return Outcomes.standard(answer);
    }
}

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
 * Pipedrive persons and deals. Pipedrive has no upsert and no idempotency key: a person is found by email
 * ({@code GET /api/v2/persons/search?fields=email&exact_match=true}), then updated ({@code PATCH /api/v2/persons/{id}})
 * or created ({@code POST /api/v2/persons}); once umhub knows the person's id (kept from the answer) it updates
 * directly. Deliveries of one email go one at a time ({@link #orderKey}), so none races another into two persons.
 * {@link PipedriveRequests} makes the calls in the route; the plan goes in a person custom field.
 *
 * <p>{@code create_deal} opens a deal for the person ({@code POST /api/v2/deals}, {@link PipedriveDeals}) after the
 * person calls, in the same delivery: a deal needs the person's id, and one delivery per event and destination keeps
 * the order and the retries of the two together. The deal's answer names its person, which stays the customer's id at
 * Pipedrive; the deal's id is in the attempt's summary ({@link PipedriveDealRequests} for the calls and retries).
 */
public class PipedriveConnector extends ProviderConnector<PipedriveProperties> {

    public static final String NAME = "pipedrive";

    private final PipedriveDeals deals;

    public PipedriveConnector(PipedriveProperties properties, Json json) {
        super(NAME, properties, json);
        this.deals = new PipedriveDeals(properties, this.json);
    }

    /**
     * The body: the email to find the person by, the person's id when known, the person's fields and, for
     * {@code create_deal}, the deal. {@code create_deal} alone leaves a person umhub knows (or finds) as it is
     * ({@code writePerson} false) and only makes one when there is none; any other action updates the person, as
     * {@code upsert_contact} always did.
     */
    @Override
    public PreparedRequest prepare(PlatformEvent event, List<String> actions, CustomerRecord customer,
                                   String idempotencyKey) {
        Customer c = event.customer();
        String email = c == null ? null : c.matchingEmail();
        if (email == null || !email.contains("@")) {
            throw new UnmappableEventException("Pipedrive finds persons by email, and this event has no customer email");
        }
        boolean deal = actions.contains(PipedriveDeals.ACTION);
        boolean writePerson = !deal || actions.stream().anyMatch(a -> !PipedriveDeals.ACTION.equals(a));
        ObjectNode body = json.createObjectNode();
        body.put("email", email);
        String known = customer == null ? null : customer.externalId(NAME);
        if (known != null) {
            body.put("personId", known);
        }
        String who = name(c, customer, email);
        ObjectNode person = body.putObject("person");
        person.put("name", who);
        person.putArray("emails").addObject().put("value", email).put("primary", true).put("label", "work");
        String plan = PlanNames.of(event);
        if (!properties.getPlanField().isBlank() && plan != null) {
            person.putObject("custom_fields").put(properties.getPlanField(), plan); // API v2: custom fields apart
        }
        if (!deal) {
            return new PreparedRequest(known == null ? "GET+POST|PATCH" : "PATCH", properties.getBaseUrl()
                    + (known == null ? "/api/v2/persons/search?term=" + email + " then /api/v2/persons[/{id}]"
                    : "/api/v2/persons/" + known) + " (api_token added when sent)",
                    Map.of("Content-Type", "application/json"), body.toString());
        }
        if (!writePerson) {
            body.put("writePerson", false);
        }
        body.set("deal", deals.deal(event, who, idempotencyKey));
        if (!properties.getDealKeyField().isBlank()) {
            body.putObject("dealKey").put("field", properties.getDealKeyField()).put("value", idempotencyKey);
        }
        return new PreparedRequest("POST", properties.getBaseUrl() + "/api/v2/deals"
                + (known != null && !writePerson ? " for person " + known : ", after " + personCalls(email, known,
                writePerson)) + " (api_token added when sent)",
                Map.of("Content-Type", "application/json"), body.toString());
    }

    /**
     * The person's name: the event's, else the one umhub keeps for the customer (events umhub derived from its REST
     * polls carry none), else the email, since Pipedrive requires a name.
     */
    private static String name(Customer c, CustomerRecord customer, String email) {
        if (c.name() != null && !c.name().isBlank()) {
            return c.name().trim();
        }
        return customer != null && customer.name() != null && !customer.name().isBlank() ? customer.name().trim()
                : email;
    }

    /**
     * For people (dry runs, the event detail API): the person calls that come before the deal, when there are any (a
     * known person is written only with {@code upsert_contact}).
     */
    private static String personCalls(String email, String known, boolean writePerson) {
        if (known != null) {
            return "PATCH /api/v2/persons/" + known;
        }
        return "GET /api/v2/persons/search?term=" + email + " then "
                + (writePerson ? "PATCH /api/v2/persons/{id} or POST /api/v2/persons" : "POST /api/v2/persons if none");
    }

    /**
     * Serialised per email, not per customer: Pipedrive has no upsert, so two deliveries of one email in flight at once
     * (two customers sharing it) would both find nobody and create two persons.
     */
    @Override
    public java.util.Optional<String> orderKey(PlatformEvent event) {
        Customer c = event.customer();
        return c == null || c.email() == null ? java.util.Optional.empty()
                : java.util.Optional.of("email/" + c.matchingEmail());
    }

    /**
     * An update changes the person's fields only: the same fields twice are one write. A delivery with a deal has
     * none: every deal counts, even one with the fields of the last.
     */
    @Override
    public String contentKey(PreparedRequest request) {
        JsonNode body = Json.readOrEmpty(json, request.body());
        return body.has("person") && !body.has("deal")
                ? Sha256.hex(body.path("email").asText() + "\n" + body.path("person")) : null;
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
            if (data.has("person_id") || data.has("title")) { // a deal: a person has a name, not a title
                return deal(answer, data, id);
            }
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

    /**
     * A deal's answer: the person it names stays the customer's id at Pipedrive (the external id is the customer's,
     * and what the CRM id write-back sends), so the deal's own id goes in the summary, which the attempt keeps.
     */
    private static DeliveryResult deal(DeliveryAnswer answer, JsonNode data, String id) {
        JsonNode p = data.path("person_id");
        String person = p.isObject() ? p.path("value").asText(null) : p.isNull() || p.isMissingNode() ? null : p.asText();
        boolean earlier = answer.header(PipedriveDealRequests.EARLIER_DEAL) != null;
        return new DeliveryResult.Delivered("deal " + (id == null ? "made" : id)
                + (earlier ? " (made by an earlier attempt, found by its key)" : "")
                + (person == null ? "" : " for person " + person), person);
    }
}

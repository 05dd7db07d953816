package dev.umhub.connector.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.umhub.connector.BatchingConnector;
import dev.umhub.connector.CustomerRecord;
import dev.umhub.connector.DeliveryAnswer;
import dev.umhub.connector.DeliveryResult;
import dev.umhub.connector.Outcomes;
import dev.umhub.connector.PreparedRequest;
import dev.umhub.connector.ProviderConnector;
import dev.umhub.event.PlatformEvent;
import dev.umhub.store.Json;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** HubSpot CRM: paying customers become contacts (batch upsert by email); the contact id is kept. */
@Component
public class HubSpotConnector extends ProviderConnector<HubSpotProperties> implements BatchingConnector {

    public static final String NAME = "hubspot";
    static final String UPSERT_PATH = "/crm/v3/objects/contacts/batch/upsert";

    /** HubSpot's own limit for CRM batch endpoints. */
    static final int MAX_BATCH = 100;

    private final HubSpotBatches batches;

    public HubSpotConnector(HubSpotProperties properties, Json json) {
        super(NAME, properties, json);
        this.batches = new HubSpotBatches(this.json);
    }

    @Override
    public PreparedRequest prepare(PlatformEvent event, List<String> actions, CustomerRecord customer,
                                   String idempotencyKey) {
        String body = HubSpotPayloads.contactUpsert(json, event, properties.getPlanProperty(), idempotencyKey)
                .toString();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", properties.isConfigured() ? "Bearer ****" : "Bearer <umhub.destinations.hubspot.access-token not set>");
        headers.put("Content-Type", "application/json");
        return new PreparedRequest("POST", properties.getBaseUrl() + UPSERT_PATH, headers, body);
    }

    /**
     * An upsert changes the contact's properties and nothing else: two with the same email and properties are the
     * same write, whatever event caused them (a signup's payment and its site published a second later).
     */
    @Override
    public String contentKey(PreparedRequest request) {
        try {
            JsonNode input = json.readTree(request.body()).path("inputs").path(0);
            java.util.TreeMap<String, String> properties = new java.util.TreeMap<>();
            input.path("properties").fields().forEachRemaining(e -> properties.put(e.getKey(), e.getValue().asText()));
            return dev.umhub.support.Sha256.hex(input.path("id").asText() + "\n" + properties);
        } catch (Exception unreadable) {
            return null; // not a body of this connector's making: sent as it is
        }
    }

    @Override
    public boolean skipsUnchanged() {
        return true;
    }

    @Override
    public int batchSize() {
        return Math.max(1, Math.min(MAX_BATCH, properties.getBatchSize()));
    }

    @Override
    public Batch combine(List<String> bodies) {
        return batches.combine(bodies, batchSize());
    }

    @Override
    public List<DeliveryResult> interpretBatch(DeliveryAnswer answer, List<String> memberBodies) {
        Integer s = answer.status();
        if (s != null && (s == 200 || s == 201 || s == 207)) {
            return batches.perInput(s, answer.body(), memberBodies);
        }
        return answeredAsAWhole(answer, memberBodies); // the request as a whole: auth, rate limit, outage
    }

    @Override
    public DeliveryResult interpret(DeliveryAnswer answer) {
        if (answer.status() == null) {
            return Outcomes.standard(answer); // the call never got an answer: refused, reset, timed out
        }
        int s = answer.status();
        if (s == 200 || s == 201) {
            String id = firstResultId(answer.body());
            return new DeliveryResult.Delivered("contact " + (id == null ? "upserted" : id), id);
        }
        if (s == 207) {
            // Multi-Status: our single input failed although the request as a whole was accepted
            return new DeliveryResult.Permanent("HTTP 207, input rejected: " + Outcomes.excerpt(answer.body()));
        }
        if (s == 423) {
            Duration wait = Outcomes.retryAfter(answer.header("Retry-After"));
            return new DeliveryResult.RetryLater("HTTP 423 record locked", wait == null ? Duration.ofSeconds(2) : wait);
        }
        if (s == 477) {
            return new DeliveryResult.RetryLater("HTTP 477 migration in progress",
                    Outcomes.retryAfter(answer.header("Retry-After")));
        }
        if (s == 429 && answer.header("Retry-After") == null && answer.body().contains("TEN_SECONDLY_ROLLING")) {
            return new DeliveryResult.RetryLater("HTTP 429 ten-secondly limit", Duration.ofSeconds(10));
        }
        return Outcomes.failure(answer);
    }

    private String firstResultId(String body) {
        try {
            JsonNode results = json.readTree(body).path("results");
            return results.isArray() && !results.isEmpty() ? results.get(0).path("id").asText(null) : null;
        } catch (Exception unreadable) {
            return null;
        }
    }
}

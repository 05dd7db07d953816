package dev.umhub.connector.ga4;

import com.fasterxml.jackson.databind.JsonNode;
import dev.umhub.connector.BatchingConnector;
import dev.umhub.connector.CustomerRecord;
import dev.umhub.connector.DeliveryAnswer;
import dev.umhub.connector.DeliveryResult;
import dev.umhub.connector.Outcomes;
import dev.umhub.connector.PreparedRequest;
import dev.umhub.connector.ProviderConnector;
import dev.umhub.connector.UnmappableEventException;
import dev.umhub.event.PlatformEvent;
import dev.umhub.store.Json;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** GA4 Measurement Protocol: purchases, churn and payment failures as analytics events. */
@Component
public class Ga4Connector extends ProviderConnector<Ga4Properties> implements BatchingConnector {

    public static final String NAME = "ga4";

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final Ga4Batches batches;

    public Ga4Connector(Ga4Properties properties, Json json) {
        super(NAME, properties, json);
        this.batches = new Ga4Batches(this.json);
    }

    /**
     * GA4 deduplicates only purchases, by {@code transaction_id} (the payment reference, stable across retries); its
     * other events have no dedup field, so the key goes along as the {@code umhub_delivery_id} parameter.
     */
    @Override
    public PreparedRequest prepare(PlatformEvent event, List<String> actions, CustomerRecord customer,
                                   String idempotencyKey) {
        String clientId = customer == null ? null : customer.externalId(NAME);
        if (clientId == null) {
            throw new UnmappableEventException("GA4 needs a client_id, and this event names no customer");
        }
        String body = Ga4Payloads.collect(json, event, actions, clientId, idempotencyKey).toString();
        String measurementId = properties.getMeasurementId().isBlank() ? "<not set>" : properties.getMeasurementId();
        String secret = properties.getApiSecret().isBlank() ? "<not set>" : "****";
        String path = properties.isDryRun() ? "/debug/mp/collect" : "/mp/collect";
        return new PreparedRequest("POST", properties.getBaseUrl() + path + "?measurement_id=" + measurementId
                + "&api_secret=" + secret, Map.of("Content-Type", "application/json"), body);
    }

    /** GA4's own client ids look like "random.seconds"; umhub's do too, so reports treat them alike. */
    @Override
    public java.util.Optional<String> newCustomerId(java.time.Instant now) {
        long random = 1_000_000_000L + (RANDOM.nextLong() & Long.MAX_VALUE) % 9_000_000_000L;
        return java.util.Optional.of(random + "." + now.getEpochSecond());
    }

    @Override
    public int batchSize() {
        if (properties.isDryRun()) {
            return 1; // the validation server's messages do not say which delivery they are about: one per request
        }
        return Math.max(1, Math.min(Ga4Batches.MAX_EVENTS, properties.getBatchSize()));
    }

    /** A request names one client: only one customer's events go together. */
    @Override
    public boolean batchesPerCustomer() {
        return true;
    }

    @Override
    public Batch combine(List<String> bodies) {
        return batches.combine(bodies, batchSize());
    }

    /**
     * GA4 answers 2xx for everything it received, even data it drops, so a 2xx is delivered. Its docs say not to
     * retry a non-2xx as is; only transport failures and 5xx (and a 429, should a proxy send one) are retried.
     */
    @Override
    public DeliveryResult interpret(DeliveryAnswer answer) {
        if (properties.isDryRun() && answer.is2xx()) {
            return validated(answer);
        }
        return Outcomes.standard(answer);
    }

    /** The validation server's answer: no message is a valid request; messages are why GA4 would drop it. */
    private DeliveryResult validated(DeliveryAnswer answer) {
        JsonNode messages = Json.readOrEmpty(json, answer.body()).path("validationMessages");
        if (messages.isEmpty()) {
            return new DeliveryResult.Delivered("valid (GA4 /debug/mp/collect; dry run: nothing recorded in reports)",
                    null);
        }
        List<String> said = new java.util.ArrayList<>();
        messages.forEach(m -> said.add(m.path("validationCode").asText() + " " + m.path("fieldPath").asText() + ": "
                + m.path("description").asText()));
        return new DeliveryResult.Permanent("GA4 validation: " + String.join("; ", said));
    }
}

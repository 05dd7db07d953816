package dev.umhub.connector.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.connector.BatchingConnector;
import dev.umhub.connector.CustomerRecord;
import dev.umhub.connector.DeliveryAnswer;
import dev.umhub.connector.DeliveryResult;
import dev.umhub.connector.Outcomes;
import dev.umhub.connector.PreparedRequest;
import dev.umhub.connector.ProviderConnector;
import dev.umhub.event.PlatformEvent;
import dev.umhub.store.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What the product-analytics connectors share: one provider event per action the rules chose, built from the same
 * {@link AnalyticsEvent} facts; each delivery's body is a complete request of one delivery, and due deliveries are
 * joined into one request of the provider's batch shape ({@link ArrayBatches}). A subclass writes the provider's
 * event and request, and reads the provider's answer where it names failed events.
 */
public abstract class AnalyticsConnector<P extends AnalyticsProperties> extends ProviderConnector<P>
        implements BatchingConnector {

    private final ArrayBatches batches;

    /** @param batches the provider's batch shape and limits */
    protected AnalyticsConnector(String name, P properties, Json json, ArrayBatches batches) {
        super(name, properties, json);
        this.batches = batches;
    }

    /** The provider's event for one action. */
    protected abstract List<ObjectNode> write(AnalyticsEvent event, PlatformEvent source);

    /** The provider's request carrying these events (credentials are added by the route, never stored here). */
    protected abstract JsonNode request(ArrayNode events);

    /** The request as people see it in dry runs and the event detail: the URL with secrets masked. */
    protected abstract String previewUrl();

    @Override
    public PreparedRequest prepare(PlatformEvent event, List<String> actions, CustomerRecord customer,
                                   String idempotencyKey) {
        ArrayNode events = json.createArrayNode();
        for (int i = 0; i < actions.size(); i++) {
            // one dedup id per provider event: the delivery key for the first, one derived from it for the others
            String key = i == 0 ? idempotencyKey : derivedId(idempotencyKey, actions.get(i));
            events.addAll(write(AnalyticsEvent.of(json, event, actions.get(i), key), event));
        }
        return new PreparedRequest("POST", previewUrl(), Map.of("Content-Type", "application/json"),
                request(events).toString());
    }

    /** A stable UUID made from a delivery key and a name: a second event of one delivery gets its own dedup id. */
    protected static String derivedId(String key, String name) {
        return UUID.nameUUIDFromBytes((key + "/" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Override
    public int batchSize() {
        return Math.max(1, Math.min(batches.maxEvents(), properties.getBatchSize()));
    }

    @Override
    public Batch combine(List<String> bodies) {
        return batches.combine(bodies, batchSize());
    }

    @Override
    public DeliveryResult interpret(DeliveryAnswer answer) {
        return Outcomes.standard(answer);
    }

    /**
     * One result per member body for an answer that names failed events by their index in the joined request: a
     * member with a failed event gets {@code failed} with the provider's reasons, the others {@code others}.
     *
     * @param failedEvents index of the event in the request to the provider's reason
     */
    protected List<DeliveryResult> perMember(List<String> memberBodies, Map<Integer, String> failedEvents,
                                             java.util.function.Function<String, DeliveryResult> failed,
                                             DeliveryResult others) {
        List<DeliveryResult> out = new ArrayList<>();
        for (int[] range : batches.ranges(memberBodies)) {
            List<String> reasons = new ArrayList<>();
            for (int i = range[0]; i < range[0] + range[1]; i++) {
                if (failedEvents.containsKey(i)) {
                    reasons.add(failedEvents.get(i));
                }
            }
            out.add(reasons.isEmpty() ? others : failed.apply(String.join("; ", reasons)));
        }
        return out;
    }

    /** Reads {@code {"field": [indexes], ...}} or {@code [indexes]} into index to reason. */
    protected static void indexes(JsonNode node, String reason, Map<Integer, String> into) {
        if (node.isArray()) {
            node.forEach(i -> into.merge(i.asInt(), reason, (a, b) -> a + ", " + b));
        } else if (node.isObject()) {
            node.fields().forEachRemaining(f -> indexes(f.getValue(), reason + " " + f.getKey(), into));
        }
    }

    /** The answer's body as JSON, or an empty object. */
    protected JsonNode body(DeliveryAnswer answer) {
        return dev.umhub.store.Json.readOrEmpty(json, answer.body());
    }

    /** An empty sorted map for {@link #indexes}. */
    protected static Map<Integer, String> noneFailed() {
        return new TreeMap<>();
    }
}

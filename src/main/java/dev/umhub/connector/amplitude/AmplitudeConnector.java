package dev.umhub.connector.amplitude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.connector.DeliveryAnswer;
import dev.umhub.connector.DeliveryResult;
import dev.umhub.connector.Outcomes;
import dev.umhub.connector.analytics.AnalyticsConnector;
import dev.umhub.connector.analytics.AnalyticsEvent;
import dev.umhub.connector.analytics.ArrayBatches;
import dev.umhub.event.PlatformEvent;
import dev.umhub.store.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Amplitude {@code POST /2/httpapi}: events with {@code insert_id} (umhub's delivery key; Amplitude ignores a repeat
 * for 7 days), times in milliseconds, a purchase with {@code price}, {@code revenue} and {@code productId}, and the
 * person's properties as {@code $set}. Platform customer ids are short ("6"), so the request lowers
 * {@code min_id_length}. The API key goes in the body: the route adds it when sending, it is never stored.
 *
 * <p>Answers: a 400 lists the events at fault (invalid or missing fields, silenced devices): those deliveries are
 * dead letters, and the others, which Amplitude did not ingest, are sent again at once. A 429 lists the throttled
 * events: their deliveries wait {@code throttled-user-pause}, 30 s (Amplitude's per-user limit is 30 events/s and it sends no Retry-After), the
 * others are sent again (their {@code insert_id} makes a repeat harmless).
 */
@Component
public class AmplitudeConnector extends AnalyticsConnector<AmplitudeProperties> {

    public static final String NAME = "amplitude";
    static final int MAX_EVENTS = 2000;
    static final int MAX_BYTES = 1_000_000;

    public AmplitudeConnector(AmplitudeProperties properties, Json json) {
        super(NAME, properties, json, new ArrayBatches(json.mapper(), "events", MAX_EVENTS, MAX_BYTES));
    }

    @Override
    protected List<ObjectNode> write(AnalyticsEvent e, PlatformEvent source) {
        ObjectNode event = json.createObjectNode();
        event.put("user_id", e.distinctId());
        event.put("event_type", e.name());
        event.put("time", e.time().toEpochMilli());
        event.put("insert_id", e.insertId());
        event.set("event_properties", e.properties().deepCopy());
        if (!e.person().isEmpty()) {
            // plain values: operations such as $set apply only to $identify events
            event.set("user_properties", e.person());
        }
        if (e.revenue() != null) {
            event.put("price", e.revenue());
            event.put("quantity", 1);
            event.put("revenue", e.revenue());
            event.put("revenueType", "subscription");
            if (e.properties().hasNonNull("plan_id")) {
                event.put("productId", "plan-" + e.properties().get("plan_id").asText());
            }
            if (e.currency() != null) {
                event.put("currency", e.currency());
            }
        }
        return List.of(event);
    }

    @Override
    protected JsonNode request(ArrayNode events) {
        ObjectNode body = json.createObjectNode();
        body.set("events", events);
        body.putObject("options").put("min_id_length", 1);
        return body;
    }

    @Override
    protected String previewUrl() {
        return properties.getBaseUrl() + "/2/httpapi (api_key added when sent)";
    }

    @Override
    public List<DeliveryResult> interpretBatch(DeliveryAnswer answer, List<String> memberBodies) {
        Integer s = answer.status();
        JsonNode body = s != null && (s == 400 || s == 429) ? body(answer) : null;
        if (body != null && s == 400) {
            Map<Integer, String> refused = refusedEvents(body);
            if (!refused.isEmpty()) {
                return perMember(memberBodies, refused, r -> new DeliveryResult.Permanent("Amplitude refused: " + r),
                        new DeliveryResult.RetryLater("not ingested: another event of the request was refused",
                                Duration.ZERO));
            }
        }
        if (body != null && s == 429 && body.path("throttled_events").size() > 0) {
            Map<Integer, String> throttled = noneFailed();
            indexes(body.path("throttled_events"), "throttled", throttled);
            return perMember(memberBodies, throttled, r -> throttled(),
                    new DeliveryResult.RetryLater("HTTP 429: other users of the request were throttled", null));
        }
        return answeredAsAWhole(answer, memberBodies);
    }

    @Override
    public DeliveryResult interpret(DeliveryAnswer answer) {
        if (answer.status() != null && answer.status() == 429) {
            return throttled();
        }
        if (answer.status() != null && answer.status() == 400) {
            Map<Integer, String> refused = refusedEvents(body(answer));
            String reason = refused.isEmpty() ? Outcomes.excerpt(answer.body()) : String.join("; ", refused.values());
            return new DeliveryResult.Permanent("Amplitude refused: " + reason);
        }
        return Outcomes.standard(answer);
    }

    private DeliveryResult throttled() {
        return new DeliveryResult.RetryLater("HTTP 429: the user's events are throttled",
                properties.getThrottledUserPause());
    }

    /** The events a 400 names: invalid or missing fields, silenced devices. */
    private static Map<Integer, String> refusedEvents(JsonNode body) {
        Map<Integer, String> refused = noneFailed();
        indexes(body.path("events_with_invalid_fields"), "invalid", refused);
        indexes(body.path("events_with_missing_fields"), "missing", refused);
        indexes(body.path("silenced_events"), "silenced device", refused);
        return refused;
    }
}

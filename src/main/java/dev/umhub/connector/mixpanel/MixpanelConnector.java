package dev.umhub.connector.mixpanel;

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
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Mixpanel {@code POST /import?strict=1&project_id=...}: events with {@code $insert_id} (umhub's delivery key, a UUID:
 * 36 characters of {@code [A-Za-z0-9-]}, as Mixpanel requires), up to 2,000 per request. With {@code strict=1}
 * Mixpanel validates each event and answers 400 naming the failed ones ({@code failed_records[].index}) while it
 * imports the others: only the deliveries of the failed events become dead letters.
 */
@Component
public class MixpanelConnector extends AnalyticsConnector<MixpanelProperties> {

    public static final String NAME = "mixpanel";
    /** Mixpanel's limits per request. */
    static final int MAX_EVENTS = 2000;
    static final int MAX_BYTES = 2_000_000;

    public MixpanelConnector(MixpanelProperties properties, Json json) {
        super(NAME, properties, json, new ArrayBatches(json.mapper(), null, MAX_EVENTS, MAX_BYTES));
    }

    @Override
    protected List<ObjectNode> write(AnalyticsEvent e, PlatformEvent source) {
        ObjectNode event = json.createObjectNode();
        event.put("event", e.name());
        ObjectNode props = event.putObject("properties");
        props.put("time", e.time().toEpochMilli());
        props.put("distinct_id", e.distinctId());
        props.put("$insert_id", e.insertId());
        props.setAll(e.properties());
        if (e.revenue() != null) {
            props.put("revenue", e.revenue());
        }
        return List.of(event);
    }

    @Override
    protected JsonNode request(ArrayNode events) {
        return events;
    }

    @Override
    protected String previewUrl() {
        return properties.getBaseUrl() + "/import?strict=1&project_id="
                + (properties.getProjectId().isBlank() ? "<not set>" : properties.getProjectId());
    }

    @Override
    public List<DeliveryResult> interpretBatch(DeliveryAnswer answer, List<String> memberBodies) {
        Map<Integer, String> failed = failedRecords(answer);
        if (failed.isEmpty()) {
            return answeredAsAWhole(answer, memberBodies);
        }
        // the valid events of the request were imported: only those named failed are refused
        return perMember(memberBodies, failed, reason -> new DeliveryResult.Permanent("Mixpanel refused: " + reason),
                new DeliveryResult.Delivered("imported", null));
    }

    @Override
    public DeliveryResult interpret(DeliveryAnswer answer) {
        Map<Integer, String> failed = failedRecords(answer);
        if (!failed.isEmpty()) {
            return new DeliveryResult.Permanent("Mixpanel refused: " + String.join("; ", failed.values()));
        }
        return Outcomes.standard(answer);
    }

    /** A strict import's 400: index of each failed event to Mixpanel's reason. */
    private Map<Integer, String> failedRecords(DeliveryAnswer answer) {
        Map<Integer, String> failed = noneFailed();
        if (answer.status() != null && answer.status() == 400) {
            for (JsonNode r : body(answer).path("failed_records")) {
                failed.put(r.path("index").asInt(), r.path("field").asText("?") + ": " + r.path("message").asText(""));
            }
        }
        return failed;
    }
}

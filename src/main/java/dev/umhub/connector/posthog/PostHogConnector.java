package dev.umhub.connector.posthog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.connector.analytics.AnalyticsConnector;
import dev.umhub.connector.analytics.AnalyticsEvent;
import dev.umhub.connector.analytics.ArrayBatches;
import dev.umhub.event.PlatformEvent;
import dev.umhub.store.Json;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * PostHog {@code POST /batch/}: events with {@code uuid} (umhub's delivery key, a valid UUID: PostHog drops duplicates
 * of the same uuid, event, person and day) and a fixed {@code timestamp}; on a signup the person's properties as
 * {@code $set}. PostHog takes the project key in the body, so the route adds it when sending and it is never stored.
 * PostHog answers for the request as a whole (400/401 permanent, 429/5xx retried).
 */
@Component
public class PostHogConnector extends AnalyticsConnector<PostHogProperties> {

    public static final String NAME = "posthog";
    /** PostHog has no event limit per request, only a body under 20 MB. */
    static final int MAX_EVENTS = 10_000;
    static final int MAX_BYTES = 19_000_000;

    public PostHogConnector(PostHogProperties properties, Json json) {
        super(NAME, properties, json, new ArrayBatches(json.mapper(), "batch", MAX_EVENTS, MAX_BYTES));
    }

    @Override
    protected List<ObjectNode> write(AnalyticsEvent e, PlatformEvent source) {
        ObjectNode event = json.createObjectNode();
        event.put("event", e.name());
        event.put("distinct_id", e.distinctId());
        event.put("timestamp", e.time().toString());
        event.put("uuid", e.insertId());
        ObjectNode props = event.putObject("properties");
        props.setAll(e.properties());
        if (e.revenue() != null) {
            props.put("revenue", e.revenue());
        }
        if (AnalyticsEvent.isSignup(source) && !e.person().isEmpty()) {
            props.set("$set", e.person());
        }
        return List.of(event);
    }

    @Override
    protected JsonNode request(ArrayNode events) {
        ObjectNode body = json.createObjectNode();
        body.put("historical_migration", false);
        body.set("batch", events);
        return body;
    }

    @Override
    protected String previewUrl() {
        return properties.getBaseUrl() + "/batch/ (api_key added when sent)";
    }
}

package dev.umhub.connector.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.connector.UnmappableEventException;
import dev.umhub.connector.analytics.AnalyticsConnector;
import dev.umhub.connector.analytics.AnalyticsEvent;
import dev.umhub.connector.analytics.ArrayBatches;
import dev.umhub.event.PlatformEvent;
import dev.umhub.store.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Segment {@code POST /v1/batch}: a {@code track} per action with {@code messageId} (umhub's delivery key; Segment
 * drops a repeated messageId for about 24 hours), and on a signup an {@code identify} with the person's traits before
 * it. Limits: 32 KB per message (a larger one is unmappable), 500 KB and 2,500 messages per batch. Segment answers
 * 200 for almost everything, 400 only for a body too large or not JSON, 429 with Retry-After.
 */
@Component
public class SegmentConnector extends AnalyticsConnector<SegmentProperties> {

    public static final String NAME = "segment";
    static final int MAX_EVENTS = 2500;
    static final int MAX_BYTES = 500_000;
    static final int MAX_MESSAGE_BYTES = 32_000;

    public SegmentConnector(SegmentProperties properties, Json json) {
        super(NAME, properties, json, new ArrayBatches(json.mapper(), "batch", MAX_EVENTS, MAX_BYTES));
    }

    @Override
    protected List<ObjectNode> write(AnalyticsEvent e, PlatformEvent source) {
        List<ObjectNode> messages = new ArrayList<>();
        if (AnalyticsEvent.isSignup(source) && !e.person().isEmpty()) {
            ObjectNode identify = json.createObjectNode();
            identify.put("type", "identify");
            identify.put("userId", e.distinctId());
            identify.set("traits", e.person());
            identify.put("timestamp", e.time().toString());
            identify.put("messageId", derivedId(e.insertId(), "identify"));
            messages.add(identify);
        }
        ObjectNode track = json.createObjectNode();
        track.put("type", "track");
        track.put("userId", e.distinctId());
        track.put("event", e.name());
        ObjectNode props = track.putObject("properties");
        props.setAll(e.properties());
        if (e.revenue() != null) {
            props.put("revenue", e.revenue());
        }
        track.put("timestamp", e.time().toString());
        track.put("messageId", e.insertId());
        messages.add(track);
        for (ObjectNode m : messages) {
            if (m.toString().getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES) {
                throw new UnmappableEventException("a Segment message is larger than 32 KB");
            }
        }
        return messages;
    }

    @Override
    protected JsonNode request(ArrayNode events) {
        ObjectNode body = json.createObjectNode();
        body.set("batch", events);
        return body;
    }

    @Override
    protected String previewUrl() {
        return properties.getBaseUrl() + "/v1/batch";
    }
}

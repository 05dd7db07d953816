package dev.umhub.connector.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.connector.BatchingConnector.Batch;
import dev.umhub.store.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins request bodies that each carry a list of events (Mixpanel's top-level array, Segment's and PostHog's
 * {@code batch}, Amplitude's {@code events}) into one, within the provider's limits on events and bytes, and tells
 * which events of a joined request came from which body, so a provider's answer that names failed events by index can
 * be given back to each delivery.
 *
 * @param field the array's field in the body, or null when the body is the array itself
 */
public record ArrayBatches(ObjectMapper json, String field, int maxEvents, int maxBytes) {

    /** The first body and as many of the following as fit, in order; the rest go in a later request. */
    public Batch combine(List<String> bodies, int maxEventsNow) {
        int limit = Math.min(maxEvents, maxEventsNow);
        JsonNode first = null;
        ArrayNode events = json.createArrayNode();
        List<Integer> members = new ArrayList<>();
        int bytes = 0;
        for (int i = 0; i < bodies.size(); i++) {
            JsonNode body = Json.readOrEmpty(json, bodies.get(i));
            ArrayNode own = events(body);
            int size = bodies.get(i).getBytes(StandardCharsets.UTF_8).length;
            if (!members.isEmpty() && (events.size() + own.size() > limit || bytes + size > maxBytes)) {
                break;
            }
            if (first == null) {
                first = body;
            }
            events.addAll(own);
            bytes += size;
            members.add(i);
        }
        return new Batch(first == null ? "{}" : withEvents(first, events).toString(), members);
    }

    /** For each body, in order: the index of its first event in the joined request and how many it has. */
    public List<int[]> ranges(List<String> bodies) {
        List<int[]> out = new ArrayList<>();
        int start = 0;
        for (String body : bodies) {
            int n = events(Json.readOrEmpty(json, body)).size();
            out.add(new int[] {start, n});
            start += n;
        }
        return out;
    }

    private ArrayNode events(JsonNode body) {
        JsonNode array = field == null ? body : body.path(field);
        return array instanceof ArrayNode a ? a : json.createArrayNode();
    }

    private JsonNode withEvents(JsonNode first, ArrayNode events) {
        if (field == null) {
            return events;
        }
        ObjectNode copy = ((ObjectNode) first).deepCopy();
        copy.set(field, events);
        return copy;
    }
}

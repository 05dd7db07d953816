package dev.umhub.connector.ga4;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.connector.BatchingConnector.Batch;
import dev.umhub.store.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Joins Measurement Protocol bodies of one customer into one request. A request names one {@code client_id} (and
 * {@code user_id}) for all its events, so only bodies naming the same ones go together; each event keeps its own time
 * as an event-level {@code timestamp_micros}, which GA4 lets override the request's. GA4's limits hold: at most 25
 * events and a body under 130 kB.
 */
final class Ga4Batches {

    /** GA4's own limits per request. */
    static final int MAX_EVENTS = 25;
    static final int MAX_BODY_BYTES = 130_000;

    private final ObjectMapper json;

    Ga4Batches(ObjectMapper json) {
        this.json = json;
    }

    /** The first body and as many of the bodies right after it as name the same customer and fit, in order. */
    Batch combine(List<String> bodies, int maxEvents) {
        ObjectNode combined = null;
        ArrayNode events = null;
        List<Integer> members = new ArrayList<>();
        int bytes = 0;
        for (int i = 0; i < bodies.size(); i++) {
            JsonNode own = read(bodies.get(i));
            if (combined == null) {
                combined = own.deepCopy();
                events = combined.putArray("events");
            } else if (!sameCustomer(combined, own)) {
                break; // another client: it and what follows keep their order in a later request
            }
            int size = bodies.get(i).getBytes(StandardCharsets.UTF_8).length;
            if (!members.isEmpty() && (events.size() + own.path("events").size() > maxEvents
                    || bytes + size > MAX_BODY_BYTES)) {
                break; // full: the rest of this customer's events keep their order in the next request
            }
            for (JsonNode event : own.path("events")) {
                ObjectNode e = event.deepCopy();
                if (own.has("timestamp_micros")) {
                    e.set("timestamp_micros", own.get("timestamp_micros"));
                }
                events.add(e);
            }
            bytes += size;
            members.add(i);
        }
        return new Batch(combined == null ? "{}" : combined.toString(), members);
    }

    private static boolean sameCustomer(JsonNode a, JsonNode b) {
        return Objects.equals(text(a, "client_id"), text(b, "client_id"))
                && Objects.equals(text(a, "user_id"), text(b, "user_id"));
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private JsonNode read(String body) {
        return Json.readOrEmpty(json, body);
    }
}

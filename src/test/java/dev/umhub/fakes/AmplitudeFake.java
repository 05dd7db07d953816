package dev.umhub.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.Request;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A fake Amplitude {@code POST /2/httpapi} (shared/reference/providers.md, section 9): {@code api_key} in the body, or
 * 400 (missing) / 401 (wrong); more than 2,000 events or 1 MB is 413. Each event needs {@code event_type}, a
 * {@code user_id} or {@code device_id} at least {@code options.min_id_length} (5) long and no placeholder, and a
 * numeric {@code time}: otherwise 400 naming the events ({@code events_with_missing_fields},
 * {@code events_with_invalid_fields}) and nothing of the request is ingested. A user throttled by
 * {@link #throttleUser}, or sending more than 30 events in a second, gets 429 with {@code throttled_users} and
 * {@code throttled_events}, the whole request
 * refused. {@code insert_id} repeats are ignored.
 */
public final class AmplitudeFake extends JsonApiFake {

    private static final Set<String> PLACEHOLDERS = Set.of("null", "anonymous", "0", "-1", "none", "nil", "undefined",
            "00000000-0000-0000-0000-000000000000");

    private final String apiKey;
    private final Set<String> insertIds = new HashSet<>();
    private final Map<String, Integer> throttled = new HashMap<>();
    private static final int EVENTS_PER_USER_PER_SECOND = 30;
    private final Map<String, long[]> perUserSecond = new HashMap<>();

    public AmplitudeFake(String apiKey) {
        this.apiKey = apiKey;
    }

    /** The next {@code requests} requests carrying events of this user are answered 429. */
    public synchronized void throttleUser(String userId, int requests) {
        throttled.put(userId, requests);
    }

    @Override
    protected java.util.Set<String> paths() {
        return java.util.Set.of("/2/httpapi");
    }

    @Override
    protected synchronized Reply answer(Request r, JsonNode body) {
        if (!body.hasNonNull("api_key")) {
            return json(400, "{\"code\":400,\"error\":\"Request missing required field\",\"missing_field\":\"api_key\"}");
        }
        if (!apiKey.equals(body.path("api_key").asText())) {
            return json(401, "{\"code\":401,\"error\":\"Invalid API key\"}");
        }
        JsonNode events = body.path("events");
        if (bytes(r) > 1_000_000 || events.size() > 2000) {
            return json(413, "{\"code\":413,\"error\":\"Payload too large\"}");
        }
        int minIdLength = body.at("/options/min_id_length").asInt(5);
        ObjectNode invalid = JSON.createObjectNode();
        ObjectNode missing = JSON.createObjectNode();
        ArrayNode throttledEvents = JSON.createArrayNode();
        ObjectNode throttledUsers = JSON.createObjectNode();
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            if (e.path("event_type").asText("").isBlank()) {
                index(missing, "event_type", i);
            }
            String id = e.hasNonNull("user_id") ? e.path("user_id").asText() : e.path("device_id").asText("");
            if (id.isBlank()) {
                index(missing, "user_id", i);
            } else if (id.length() < minIdLength || PLACEHOLDERS.contains(id.toLowerCase())) {
                index(invalid, "user_id", i);
            }
            if (!e.path("time").isNumber()) {
                index(invalid, "time", i);
            }
            if (throttled.getOrDefault(id, 0) > 0 || overRate(id)) {
                throttledEvents.add(i);
                throttledUsers.put(id, 31);
            }
        }
        if (!invalid.isEmpty() || !missing.isEmpty()) {
            ObjectNode answer = JSON.createObjectNode().put("code", 400).put("error", "Request has invalid events");
            answer.set("events_with_invalid_fields", invalid);
            answer.set("events_with_missing_fields", missing);
            return json(400, answer.toString());
        }
        if (!throttledEvents.isEmpty()) {
            throttledUsers.fieldNames().forEachRemaining(u -> throttled.merge(u, -1, Integer::sum));
            ObjectNode answer = JSON.createObjectNode().put("code", 429)
                    .put("error", "Too many requests for some devices and users").put("eps_threshold", 30);
            answer.set("throttled_users", throttledUsers);
            answer.set("throttled_events", throttledEvents);
            return json(429, answer.toString());
        }
        counted(events.size());
        for (JsonNode e : events) {
            if (insertIds.add(e.path("insert_id").asText(e.toString()))) {
                keep(e);
            }
        }
        return json(200, "{\"code\":200,\"events_ingested\":" + events.size() + ",\"payload_size_bytes\":" + bytes(r)
                + ",\"server_upload_time\":" + System.currentTimeMillis() + "}");
    }

    /** Amplitude's own limit: more than 30 events of one user within a second. */
    private boolean overRate(String userId) {
        long second = System.currentTimeMillis() / 1000;
        long[] seen = perUserSecond.computeIfAbsent(userId, k -> new long[] {second, 0});
        if (seen[0] != second) {
            seen[0] = second;
            seen[1] = 0;
        }
        return ++seen[1] > EVENTS_PER_USER_PER_SECOND;
    }

    private static void index(ObjectNode byField, String field, int i) {
        (byField.has(field) ? (ArrayNode) byField.get(field) : byField.putArray(field)).add(i);
    }
}

package dev.umhub.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Request;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * A fake PostHog {@code POST /batch/}, and the single-event {@code /i/v0/e/} and {@code /capture/}
 * (shared/reference/providers.md, section 7): the project key in the body as
 * {@code api_key}, or 401; a body under 20 MB, or 413; an empty batch, an event without a name or a
 * {@code distinct_id} (top level or in properties), 400 for the whole request. An event whose {@code uuid} is not a
 * valid UUID is dropped silently, as PostHog does; duplicates of (day, event, distinct_id, uuid) are kept once.
 */
public final class PostHogFake extends JsonApiFake {

    private static final String BATCH = "/batch/";

    private final String apiKey;
    private final Set<String> seen = new HashSet<>();
    private int dropped;

    public PostHogFake(String apiKey) {
        this.apiKey = apiKey;
    }

    /** Events dropped for an invalid uuid. */
    public synchronized int dropped() {
        return dropped;
    }

    @Override
    protected java.util.Set<String> paths() {
        return java.util.Set.of(BATCH, "/i/v0/e/", "/capture/");
    }

    @Override
    protected synchronized Reply answer(Request r, JsonNode body) {
        if (!apiKey.equals(body.path("api_key").asText(null))) {
            return json(401, "{\"type\":\"authentication_error\",\"code\":\"invalid_api_key\"}");
        }
        if (bytes(r) >= 20_000_000) {
            return json(413, "{\"type\":\"validation_error\",\"code\":\"payload_too_large\"}");
        }
        // the single-event paths take one event, with the key beside it, instead of a batch
        JsonNode batch = BATCH.equals(r.getUrl().replaceAll("\\?.*", "")) ? body.path("batch")
                : JSON.createArrayNode().add(body);
        if (!batch.isArray() || batch.isEmpty()) {
            return json(400, "{\"type\":\"validation_error\",\"code\":\"empty_batch\"}");
        }
        for (JsonNode e : batch) {
            String distinct = e.hasNonNull("distinct_id") ? e.path("distinct_id").asText()
                    : e.at("/properties/distinct_id").asText("");
            if (e.path("event").asText("").isBlank() || distinct.isBlank()) {
                return json(400, "{\"type\":\"validation_error\",\"code\":\"missing_event_or_distinct_id\"}");
            }
        }
        counted(batch.size());
        for (JsonNode e : batch) {
            if (!validUuid(e.path("uuid").asText(""))) {
                dropped++;
                continue;
            }
            String day = e.path("timestamp").asText("").length() >= 10 ? e.path("timestamp").asText().substring(0, 10) : "";
            if (seen.add(day + "|" + e.path("event").asText() + "|" + e.path("distinct_id").asText() + "|"
                    + e.path("uuid").asText())) {
                keep(e);
            }
        }
        return json(200, "{\"status\":\"Ok\"}");
    }

    private static boolean validUuid(String s) {
        try {
            return UUID.fromString(s).toString().equalsIgnoreCase(s);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

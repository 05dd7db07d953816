package dev.umhub.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.Request;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A fake Mixpanel {@code POST /import} (shared/reference/providers.md, section 6): Basic auth with the service account
 * and the {@code project_id} query, or 401; a JSON array of at most 2,000 events and 2 MB, or 413; with
 * {@code strict=1} each event is validated ({@code event}, {@code properties.time} in s or ms after 1971 and at most
 * an hour ahead, {@code distinct_id} and {@code $insert_id} of at most 36 {@code [A-Za-z0-9-]}, no placeholder ids):
 * the valid ones are imported and the request answers 400 with {@code failed_records} naming the others. Duplicates
 * of (event, time, distinct_id, $insert_id) are kept once. {@link #refuseDistinctId} makes the events of one person
 * fail validation, to test the partial answer. {@code /track} (the client-style API umhub does not use) answers
 * {@code 1} or {@code 0} as the real one does.
 */
public final class MixpanelFake extends JsonApiFake {

    private static final Pattern INSERT_ID = Pattern.compile("[A-Za-z0-9-]{1,36}");
    private static final Set<String> PLACEHOLDERS = Set.of("null", "undefined", "0", "-1",
            "00000000-0000-0000-0000-000000000000");

    private final String projectId;
    private final String username;
    private final String secret;
    private final Set<String> seen = new HashSet<>();
    private volatile String refusedDistinctId;
    private static final String TRACK = "/track";
    /** The project token {@code /track} takes (the fake derives it from the project id). */
    private final String projectToken;

    public MixpanelFake(String projectId, String username, String secret) {
        this.projectId = projectId;
        this.projectToken = "token-" + projectId;
        this.username = username;
        this.secret = secret;
    }

    /** Events of this person fail validation from now on (their field: properties.distinct_id). */
    public void refuseDistinctId(String distinctId) {
        this.refusedDistinctId = distinctId;
    }

    @Override
    protected java.util.Set<String> paths() {
        return java.util.Set.of("/import", TRACK);
    }

    @Override
    protected synchronized Reply answer(Request r, JsonNode body) {
        if (TRACK.equals(r.getUrl().replaceAll("\\?.*", ""))) {
            return track(r, body);
        }
        String[] auth = basicAuth(r);
        if (auth == null || !auth[0].equals(username) || !auth[1].equals(secret)
                || !projectId.equals(r.queryParameter("project_id").firstValue())) {
            return json(401, "{\"error\":\"Invalid credentials\",\"status\":0}");
        }
        if (bytes(r) > 2_097_152) {
            return json(413, "{\"code\":413,\"error\":\"request exceeds max limit of 2097152 bytes\",\"status\":0}");
        }
        if (!(body instanceof ArrayNode events) || events.size() > 2000) {
            return json(400, "{\"code\":400,\"error\":\"body must be a JSON array of at most 2000 events\",\"status\":0}");
        }
        counted(events.size());
        ArrayNode failed = JSON.createArrayNode();
        int imported = 0;
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            String error = invalid(e);
            if (error != null) {
                failed.addObject().put("index", i).put("$insert_id", e.at("/properties/$insert_id").asText(""))
                        .put("field", error.substring(0, error.indexOf(':'))).put("message", error);
                continue;
            }
            imported++;
            JsonNode p = e.path("properties");
            if (seen.add(e.path("event").asText() + "|" + p.path("time").asText() + "|" + p.path("distinct_id").asText()
                    + "|" + p.path("$insert_id").asText())) {
                keep(e);
            }
        }
        if (failed.isEmpty()) {
            return json(200, "{\"code\":200,\"num_records_imported\":" + imported + ",\"status\":\"OK\"}");
        }
        ObjectNode answer = JSON.createObjectNode().put("code", 400)
                .put("error", "some data points in the request failed validation");
        answer.set("failed_records", failed);
        answer.put("num_records_imported", imported).put("status", "Bad Request");
        return json(400, answer.toString());
    }

    /**
     * {@code /track}: the project token in each event's {@code properties.token}, a JSON array or the legacy form
     * {@code data=<json>}; answers {@code 1} (kept) or {@code 0}, or with {@code verbose=1} a JSON status.
     */
    private Reply track(Request r, JsonNode body) {
        JsonNode events = body;
        String form = r.getBodyAsString();
        if (!body.isArray() && form.startsWith("data=")) {
            events = FakeBodies.read(java.net.URLDecoder.decode(form.substring(5), java.nio.charset.StandardCharsets.UTF_8));
        }
        if (events.isObject()) {
            events = JSON.createArrayNode().add(events);
        }
        boolean ok = events.isArray() && !events.isEmpty();
        for (JsonNode e : events) {
            ok &= projectToken.equals(e.at("/properties/token").asText(null)) && invalid(e) == null;
        }
        if (ok) {
            events.forEach(this::keep);
        }
        boolean verbose = r.queryParameter("verbose").isPresent() && "1".equals(r.queryParameter("verbose").firstValue());
        return json(200, verbose ? (ok ? "{\"status\":1,\"error\":null}" : "{\"status\":0,\"error\":\"invalid event\"}")
                : ok ? "1" : "0");
    }

    private String invalid(JsonNode e) {
        JsonNode p = e.path("properties");
        if (!e.path("event").isTextual() || e.path("event").asText().isBlank()) {
            return "event: missing event name";
        }
        long time = p.path("time").asLong(-1);
        long millis = time < 100_000_000_000L ? time * 1000 : time;
        if (!p.path("time").isNumber() || millis < 31_536_000_000L
                || millis > System.currentTimeMillis() + 3_600_000L) {
            return "properties.time: must be seconds or milliseconds after 1971 and at most an hour ahead";
        }
        String distinct = p.path("distinct_id").asText("");
        if (distinct.isBlank() || PLACEHOLDERS.contains(distinct) || distinct.equals(refusedDistinctId)) {
            return "properties.distinct_id: invalid distinct_id";
        }
        String insertId = p.path("$insert_id").asText("");
        if (!INSERT_ID.matcher(insertId).matches() || PLACEHOLDERS.contains(insertId)) {
            return "properties.$insert_id: must be at most 36 characters of [A-Za-z0-9-]";
        }
        return null;
    }
}

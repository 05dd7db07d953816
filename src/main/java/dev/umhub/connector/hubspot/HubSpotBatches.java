package dev.umhub.connector.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.connector.BatchingConnector.Batch;
import dev.umhub.connector.DeliveryResult;
import dev.umhub.connector.Outcomes;
import dev.umhub.store.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Joins single-contact upsert bodies into one batch upsert and reads HubSpot's answer back per contact. HubSpot does
 * not promise results in input order, so each input is found again by its {@code objectWriteTraceId} (umhub's
 * delivery key, which HubSpot echoes) or its email.
 */
final class HubSpotBatches {

    private final ObjectMapper json;

    HubSpotBatches(ObjectMapper json) {
        this.json = json;
    }

    /** An input as umhub prepared it: the contact's email and the delivery's trace id. */
    private record Input(String email, String traceId) {
    }

    Batch combine(List<String> bodies, int maxInputs) {
        ObjectNode combined = json.createObjectNode();
        ArrayNode inputs = combined.putArray("inputs");
        Set<String> emails = new HashSet<>();
        List<Integer> members = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            JsonNode own = read(bodies.get(i)).path("inputs");
            List<Input> ids = inputs(own);
            // the same email twice in one batch is a conflict at HubSpot: the second waits for the next request
            boolean clash = ids.stream().anyMatch(in -> in.email() != null && emails.contains(in.email()));
            if (clash || inputs.size() + own.size() > maxInputs) {
                continue;
            }
            ids.forEach(in -> emails.add(in.email()));
            own.forEach(inputs::add);
            members.add(i);
        }
        return new Batch(combined.toString(), members);
    }

    /** Results for an answer HubSpot gave with per-input results: 200, 201 or 207. */
    List<DeliveryResult> perInput(int status, String answerBody, List<String> memberBodies) {
        JsonNode answer = read(answerBody);
        Map<String, String> contactIds = new HashMap<>();
        for (JsonNode r : answer.path("results")) {
            String id = r.path("id").asText(null);
            put(contactIds, r.path("objectWriteTraceId").asText(null), id);
            put(contactIds, lower(r.path("properties").path("email").asText(null)), id);
        }
        Map<String, String> errors = new HashMap<>();
        for (JsonNode e : answer.path("errors")) {
            String message = e.path("category").asText("ERROR") + ": " + e.path("message").asText("");
            put(errors, e.path("objectWriteTraceId").asText(null), message);
            put(errors, lower(e.path("id").asText(null)), message);
            e.path("context").forEach(values -> values.forEach(v -> put(errors, lower(v.asText(null)), message)));
        }
        List<DeliveryResult> out = new ArrayList<>();
        for (String body : memberBodies) {
            out.add(resultOf(inputs(read(body).path("inputs")), status, contactIds, errors));
        }
        return out;
    }

    private static DeliveryResult resultOf(List<Input> inputs, int status, Map<String, String> contactIds,
                                           Map<String, String> errors) {
        for (Input in : inputs) {
            String error = errors.getOrDefault(in.traceId(), errors.get(in.email()));
            if (error != null) {
                return new DeliveryResult.Permanent("HTTP " + status + ", input rejected: " + Outcomes.excerpt(error));
            }
        }
        for (Input in : inputs) {
            String id = contactIds.getOrDefault(in.traceId(), contactIds.get(in.email()));
            if (id != null) {
                return new DeliveryResult.Delivered("contact " + id, id);
            }
        }
        if (status == 207) {
            // neither in results nor in errors: an upsert by email is safe to send again
            return new DeliveryResult.RetryLater("HTTP 207 without a result or an error for this contact", null);
        }
        return new DeliveryResult.Delivered("contact upserted", null);
    }

    private static List<Input> inputs(JsonNode inputs) {
        List<Input> out = new ArrayList<>();
        inputs.forEach(in -> out.add(new Input(lower(in.path("id").asText(null)), in.path("objectWriteTraceId").asText(null))));
        return out;
    }

    private JsonNode read(String body) {
        return Json.readOrEmpty(json, body);
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (key != null && value != null) {
            map.putIfAbsent(key, value);
        }
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}

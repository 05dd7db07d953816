package dev.umhub.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.umhub.store.EventSelection;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a selection of recorded events from a request body: {@code {"last": 500, "from": "2026-12-01T00:00:00Z",
 * "to": "...", "types": ["payment.received"], "decisionFailed": true, "after": 1234}}. Strict: an unknown field or a wrong type is a
 * 400 naming it, never a selection other than the one meant.
 */
final class Selections {

    private static final Set<String> FIELDS = Set.of("last", "from", "to", "types", "decisionFailed", "after");

    private Selections() {
    }

    /** @param body the selection object; null or missing selects every event */
    static EventSelection of(JsonNode body) {
        if (body == null || body.isMissingNode() || body.isNull()) {
            return EventSelection.all();
        }
        if (!body.isObject()) {
            throw new IllegalArgumentException("the event selection must be a JSON object");
        }
        StrictFields.onlyKnown(body, FIELDS::contains, " in the event selection",
                "last, from, to, types, after, decisionFailed");
        JsonNode last = body.path("last");
        if (!last.isMissingNode() && !(last.canConvertToInt() && last.isIntegralNumber() && last.asInt() >= 0)) {
            throw new IllegalArgumentException("last must be a whole number of events, 0 or more");
        }
        JsonNode after = body.path("after");
        if (!after.isMissingNode() && !(after.isIntegralNumber() && after.canConvertToLong() && after.asLong() >= 0)) {
            throw new IllegalArgumentException("after must be the continueAfter number of an earlier answer");
        }
        return new EventSelection(last.isMissingNode() ? null : last.asInt(), instant(body, "from"),
                instant(body, "to"), types(body.path("types")), StrictFields.flag(body, "decisionFailed"),
                after.isMissingNode() ? null : after.asLong());
    }

    private static List<String> types(JsonNode types) {
        if (types.isMissingNode() || types.isNull()) {
            return List.of();
        }
        if (!types.isArray()) {
            throw new IllegalArgumentException("types must be an array of event types, such as [\"payment.received\"]");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode t : types) {
            if (!t.isTextual() || t.asText().isBlank()) {
                throw new IllegalArgumentException("types must hold event type names, got " + t);
            }
            out.add(t.asText());
        }
        return out;
    }

    private static Instant instant(JsonNode body, String field) {
        JsonNode n = body.path(field);
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        try {
            return Instant.parse(n.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 instant such as 2026-11-28T10:00:00Z");
        }
    }
}

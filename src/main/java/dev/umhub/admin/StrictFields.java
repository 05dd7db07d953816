package dev.umhub.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.function.Predicate;

/**
 * Reading a JSON request body strictly: a field the endpoint does not know, or a value of the wrong type, is a 400
 * naming it, never silently ignored (a typo in a selection would otherwise select something else).
 */
final class StrictFields {

    private StrictFields() {
    }

    /**
     * Refuses the first field {@code known} does not accept.
     *
     * @param where  where the fields are, for the message ({@code " in the event selection"}, or empty)
     * @param listed the known fields as the message lists them
     */
    static void onlyKnown(JsonNode body, Predicate<String> known, String where, String listed) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.test(name)) {
                throw new IllegalArgumentException("unknown field \"" + name + "\"" + where + " (known: " + listed + ")");
            }
        }
    }

    /** An optional true/false field; false when absent. */
    static boolean flag(JsonNode body, String field) {
        JsonNode n = body.path(field);
        if (!n.isMissingNode() && !n.isBoolean()) {
            throw new IllegalArgumentException(field + " must be true or false");
        }
        return n.asBoolean(false);
    }
}

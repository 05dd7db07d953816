package dev.umhub.store;

import java.time.Instant;
import java.util.List;

/**
 * Which recorded events a bulk redecide or a rules dry run takes. Every part is optional; together they narrow.
 *
 * @param last           only the newest this many of those that match
 * @param from           received at or after
 * @param to             received before
 * @param types          event types ({@code payment.received}); empty: every type
 * @param decisionFailed only events whose decision failed (a rule threw)
 * @param after          only events after this position (the {@code continueAfter} of an answer that took the first
 *                       part of a large selection); not with {@code last}
 */
public record EventSelection(Integer last, Instant from, Instant to, List<String> types, boolean decisionFailed,
                             Long after) {

    /** Types a selection names at most: each is a parameter of the query. */
    public static final int MAX_TYPES = 100;

    public EventSelection {
        types = types == null ? List.of() : List.copyOf(types);
        if (last != null && last < 0) {
            throw new IllegalArgumentException("last must be 0 or more");
        }
        if (types.size() > MAX_TYPES) {
            throw new IllegalArgumentException("types takes at most " + MAX_TYPES + " event types");
        }
        if (last != null && after != null) {
            throw new IllegalArgumentException("last and after do not go together: last takes the newest events");
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("to must not be before from");
        }
    }

    /** Every event. */
    public static EventSelection all() {
        return new EventSelection(null, null, null, List.of(), false, null);
    }
}

package dev.umhub.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which dead letters an operator means; every part is optional.
 *
 * @param from       dead since (last failure at or after)
 * @param to         dead before
 * @param errorClass the class of the last failure: {@code http_400}, {@code http_503}, {@code unmappable},
 *                   {@code no_destination}, or a Java exception class name such as {@code java.net.ConnectException}
 */
public record DeadLetterFilter(String destination, String eventType, Instant from, Instant to, String errorClass) {

    /** The WHERE clause over {@code d} (delivery) and {@code e} (event), and its parameters in order. */
    String where(List<Object> params) {
        List<String> parts = new ArrayList<>(List.of("d.status = 'dead'"));
        if (destination != null) {
            parts.add("d.destination = ?");
            params.add(destination);
        }
        if (eventType != null) {
            parts.add("e.event_type = ?");
            params.add(eventType);
        }
        if (from != null) {
            parts.add("d.updated_at >= ?");
            params.add(Timestamps.param(from));
        }
        if (to != null) {
            parts.add("d.updated_at < ?");
            params.add(Timestamps.param(to));
        }
        if (errorClass != null) {
            parts.add("d.error_class = ?");
            params.add(errorClass);
        }
        return String.join(" AND ", parts);
    }
}

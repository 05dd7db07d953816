package dev.umhub.event;

/**
 * What changed, for events umhub derived by comparing a state with the last one it saw of the same entity.
 *
 * @param entity    {@code membership|payment|customer}
 * @param from      the previous value (a status or plan id); null on first sight
 * @param to        the new value
 * @param direction for plan changes: {@code upgrade|downgrade|same} by recurring amount; otherwise null
 * @param via       how umhub saw it: {@code webhook:<slug>} or {@code rest}
 */
public record Change(String entity, String from, String to, String direction, String via) {
}

package dev.umhub.rules;

/**
 * What a rule inserts to send an event somewhere: {@code insert(new Dispatch("ga4", "purchase"));}. The engine
 * notes which rule inserted it, so every delivery can say why it exists.
 *
 * @param destination a connector name ({@code hubspot}, {@code ga4}, ...)
 * @param action      what the destination should do (for GA4 the event name, for HubSpot {@code upsert_contact})
 */
public record Dispatch(String destination, String action) {
}

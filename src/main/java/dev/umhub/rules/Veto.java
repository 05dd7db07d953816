package dev.umhub.rules;

/**
 * What a rule inserts to keep an event from a destination, whatever other rules chose:
 * {@code insert(new Veto("hubspot", "test customers stay out of the CRM"));}. The decision drops every dispatch to that
 * destination and its explanation names the veto and its rule. Retracting a {@link Dispatch} ({@code delete($d)})
 * takes out that one dispatch the same way.
 *
 * @param destination the destination to keep the event from
 * @param reason      why, shown in the event's explanation
 */
public record Veto(String destination, String reason) {
}

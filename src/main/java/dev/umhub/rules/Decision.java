package dev.umhub.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of running the rules over one event: every rule that fired, and every dispatch with the rule that
 * chose it.
 */
public record Decision(String rulesVersion, List<String> rulesFired, List<ChosenDispatch> dispatches) {

    /** The {@link #rulesVersion} of a decision the sender made: it named the destination, no rule was asked. */
    public static final String SENDER_CHOSEN = "chosen by the sender";

    /** A delivery to the one destination the sender of the event named ({@code kamelet:umhub-destination-sink}). */
    public static Decision chosenBySender(String destination, String action, String sender) {
        return new Decision(SENDER_CHOSEN, List.of(),
                List.of(new ChosenDispatch(destination, action, "sent to " + destination + " by " + sender)));
    }

    /** A dispatch and the rule that inserted it. */
    public record ChosenDispatch(String destination, String action, String rule) {
    }

    /** The dispatches grouped by destination, in the order rules chose them: one delivery per destination. */
    public Map<String, List<ChosenDispatch>> byDestination() {
        Map<String, List<ChosenDispatch>> grouped = new LinkedHashMap<>();
        for (ChosenDispatch d : dispatches) {
            grouped.computeIfAbsent(d.destination(), k -> new java.util.ArrayList<>()).add(d);
        }
        return grouped;
    }
}

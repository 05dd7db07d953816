package dev.umhub.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of running the rules over one event: every rule that fired with the facts it matched, the vetoes, and
 * every dispatch left standing with the rule that chose it. A decision whose rules threw is {@link #failed()}: it
 * chose nothing, and the event waits for {@code POST /api/events/{id}/redecide}.
 *
 * @param explanation each rule firing, in order, with the facts it matched
 * @param vetoes      destinations taken out of the decision, by which rule and why
 * @param failure     the rule that threw and its error; null when the rules ran through
 */
public record Decision(String rulesVersion, List<String> rulesFired, List<ChosenDispatch> dispatches,
                       List<Firing> explanation, List<Vetoed> vetoes, Failure failure) {

    /** The {@link #rulesVersion} of a decision the sender made: it named the destination, no rule was asked. */
    public static final String SENDER_CHOSEN = "chosen by the sender";

    /** A decision without explanation: made by umhub itself (a sender's choice, a write-back) or read back. */
    public Decision(String rulesVersion, List<String> rulesFired, List<ChosenDispatch> dispatches) {
        this(rulesVersion, rulesFired, dispatches, List.of(), List.of(), null);
    }

    /** Whether a decision (by its rules version) was its sender's: no rules decide such an event, now or later. */
    public static boolean isSenderChosen(String rulesVersion) {
        return SENDER_CHOSEN.equals(rulesVersion);
    }

    /** A delivery to the one destination the sender of the event named ({@code kamelet:umhub-destination-sink}). */
    public static Decision chosenBySender(String destination, String action, String sender) {
        return new Decision(SENDER_CHOSEN, List.of(),
                List.of(new ChosenDispatch(destination, action, "sent to " + destination + " by " + sender)));
    }

    /** Rules threw while deciding: nothing is chosen. */
    static Decision failed(String rulesVersion, List<String> rulesFired, List<Firing> explanation, Failure failure) {
        return new Decision(rulesVersion, rulesFired, List.of(), explanation, List.of(), failure);
    }

    public boolean isFailed() {
        return failure != null;
    }

    /**
     * Why the decision is what it is, as it is stored and shown: {@code firings} (each rule with the facts it matched),
     * {@code vetoes}, and {@code failure} when the rules threw.
     */
    public Map<String, Object> explained() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("firings", explanation);
        out.put("vetoes", vetoes);
        if (failure != null) {
            out.put("failure", failure);
        }
        return out;
    }

    /** A dispatch and the rule that inserted it. */
    public record ChosenDispatch(String destination, String action, String rule) {
    }

    /**
     * One rule firing and the facts it matched. The facts are kept as they are and summarised only when the
     * explanation is read or stored: a decision is taken far more often than it is explained at length.
     */
    public record Firing(String rule, @com.fasterxml.jackson.annotation.JsonIgnore List<Object> matched) {

        /** Each fact matched: its type and key fields ({@code {"fact": "Payment", "id": "7", "total": 29.00}}). */
        @com.fasterxml.jackson.annotation.JsonProperty("facts")
        public List<Map<String, Object>> facts() {
            return matched.stream().map(FactSummary::of).toList();
        }
    }

    /**
     * A destination taken out of the decision.
     *
     * @param action the retracted dispatch's action; null for a {@link Veto}, which takes out every action
     * @param rule   the rule that vetoed or retracted
     */
    public record Vetoed(String destination, String action, String reason, String rule) {
    }

    /**
     * Why the rules could not decide.
     *
     * @param rule  the rule whose condition or consequence threw; null when Drools did not tell
     * @param error the exception's class and message
     */
    public record Failure(String rule, String error) {

        /** What the event row keeps, and the admin API shows: at most {@value #MAX_DESCRIBED} characters. */
        public String describe() {
            String d = (rule == null ? "rules" : "rule \"" + rule + "\"") + " failed: " + error;
            return d.length() > MAX_DESCRIBED ? d.substring(0, MAX_DESCRIBED - 3) + "..." : d;
        }

        static final int MAX_DESCRIBED = 1000;
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

package dev.umhub.store;

/**
 * A decision as the journal stores it, JSON already serialised: the rules version, the rules fired, the dispatches
 * chosen, the explanation (null when there is nothing to explain) and, failed, the failure described (the event's
 * {@code decision_failed} is whether there is one).
 */
public record DecisionColumns(String rulesVersion, String rulesFired, String dispatches, String explanation,
                              String decisionError) {

    /** Whether the decision failed. */
    public boolean failed() {
        return decisionError != null;
    }
}

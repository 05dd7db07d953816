package dev.umhub.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.drools.base.base.ClassObjectType;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.EntryPointId;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.RuleConditionElement;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * Clearing a session by deleting its facts, so that it decides the next event as a new session would, without
 * Drools' reset: a reset walks every node memory the session ever made and each segment of the network again (23 %
 * of a decision with 200 rules, measured), where deleting an event's few facts undoes exactly the matches they made.
 *
 * <p>Deleting the facts undoes every match, and so every activation, accumulation and pending firing. It does not
 * undo what Drools keeps outside the facts' matches, so rules that use any of it are decided in sessions Drools
 * resets instead ({@link #obstacles}):
 * <ul>
 *   <li>a rule that does not start with a fact pattern ({@code not}, {@code exists}, {@code accumulate},
 *   {@code from} or {@code eval} first, or no condition at all) matches Drools' initial fact, which a session
 *   inserts once: it would fire for the first event only;</li>
 *   <li>agenda groups, activation groups, lock-on-active, auto-focus, timers and calendars keep agenda or timer
 *   state between firings;</li>
 *   <li>events and windows expire by a clock; globals keep what a consequence set; {@code insertLogical} keeps
 *   justifications in the truth maintenance system; {@code halt()} ends a run with matches not yet evaluated or
 *   fired, left for the next one; facts in another entry point than the default one cannot be deleted through the
 *   session.</li>
 * </ul>
 * These are read from the compiled rules (Drools' rule model, {@code org.drools.base}: its public API does not show
 * a rule's conditions) and, for logical inserts and halts, which live in consequences' code, from the rule files'
 * text.
 */
final class SessionClearing {

    private SessionClearing() {
    }

    /** Why sessions of these rules must be reset rather than cleared; empty when clearing them is safe. */
    static List<String> obstacles(KieBase kieBase, Map<String, String> sources) {
        List<String> found = new ArrayList<>();
        for (KiePackage p : kieBase.getKiePackages()) {
            if (!p.getGlobalVariables().isEmpty()) {
                found.add("package " + p.getName() + " declares globals");
            }
            for (Rule r : p.getRules()) {
                RuleImpl rule = (RuleImpl) r;
                // a query never fires, but may read an entry point a consequence then writes to
                Optional<String> why = rule.isQuery() ? patternObstacle(rule.getLhs()) : obstacle(rule);
                why.ifPresent(w -> found.add((rule.isQuery() ? "query \"" : "rule \"") + rule.getName() + "\" " + w));
            }
        }
        sources.forEach((file, text) -> {
            if (text.contains("insertLogical")) {
                found.add(file + " inserts logically");
            }
            if (text.contains("halt(")) {
                // a halted run leaves matches not yet evaluated or fired for the next decision
                found.add(file + " halts the rules");
            }
        });
        return found;
    }

    private static Optional<String> obstacle(RuleImpl rule) {
        RuleImpl root = rule;
        while (root.getParent() != null) {
            root = root.getParent(); // an extended rule's conditions start with its ancestor's
        }
        List<RuleConditionElement> first = root.getLhs().getChildren();
        if (first.isEmpty() || !(first.get(0) instanceof Pattern p) || p.getSource() != null
                || ClassObjectType.InitialFact_ObjectType.equals(p.getObjectType())) {
            return Optional.of("does not start with a fact pattern");
        }
        if (!rule.isMainAgendaGroup() || rule.getRuleFlowGroup() != null || rule.getAutoFocus()) {
            return Optional.of("has an agenda group");
        }
        if (rule.getActivationGroup() != null || rule.isLockOnActive()) {
            return Optional.of("has an activation group or lock-on-active");
        }
        if (rule.getTimer() != null || rule.hasCalendars()) {
            return Optional.of("has a timer or calendars");
        }
        return patternObstacle(rule.getLhs());
    }

    /** Patterns anywhere in the conditions that match events, windows, or another entry point than the default. */
    private static Optional<String> patternObstacle(RuleConditionElement element) {
        if (element instanceof Pattern p) {
            if (p.getObjectType().isEvent() || !p.getBehaviors().isEmpty()) {
                return Optional.of("matches events or windows");
            }
            if (p.getSource() instanceof EntryPointId ep && !EntryPointId.DEFAULT.equals(ep)) {
                return Optional.of("reads entry point " + ep.getEntryPointId());
            }
        }
        for (RuleConditionElement nested : element.getNestedElements()) {
            Optional<String> found = patternObstacle(nested);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * Deletes the facts still standing after a decision: the event's and those its rules inserted, all in the default
     * entry point (rules reading other entry points are reset instead). In the single-threaded sessions cleared ones
     * are ({@link SessionPools}), the deletes go through the alpha network at once and wait in the node memories; the
     * rules' part of them runs with the next decision's evaluation, so they cost no rule run of their own. No old
     * match meets a new fact: every tuple of the earlier decision holds that decision's first fact, whose delete
     * reaches each node in the same evaluation, and nodes take deletes before they match new facts; a condition a
     * delete re-evaluates sees only facts it saw in the decision that inserted them. False when a delete failed: that
     * session is not to be reused.
     *
     * <p>Last inserted, first deleted. A rule's first fact (mostly the event) opens the segment it shares with many
     * rules; deleted while the later facts still stood, it found the rules they matched still linked, and re-linked
     * and re-queued each of them once for every segment it shares. Deleting the later facts first unlinks those
     * rules, so the first fact's delete finds them unlinked (with the benchmark's 200 rules: 120 re-linkings in nine
     * events before, none after; docs/performance.md).
     */
    static boolean clear(KieSession session, List<FactHandle> standing) {
        try {
            for (int i = standing.size() - 1; i >= 0; i--) {
                session.delete(standing.get(i));
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}

package dev.umhub.rules;

import dev.umhub.event.PlatformEvent;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;

/**
 * One compiled rules version: the running one, or a candidate compiled aside for a dry run or a scenario test. It
 * decides events; it never stores or sends anything. Thread-safe: each decision has a session of its own.
 */
public final class CompiledRules {

    private static final Pattern RULE_IN_MESSAGE = Pattern.compile("Rule \"([^\"]+)\"");
    /** A guard against rules that keep re-triggering each other. */
    private static final int MAX_FIRINGS = 10_000;

    private final String version;
    private final SessionPools sessions;
    private final RuleFiles files;
    private final List<String> ruleNames;
    private final List<DispatchTargets.Target> targets;

    CompiledRules(String version, SessionPools sessions, RuleFiles files, List<String> ruleNames,
                  List<DispatchTargets.Target> targets) {
        this.version = version;
        this.sessions = sessions;
        this.files = files;
        this.ruleNames = List.copyOf(ruleNames);
        this.targets = List.copyOf(targets);
    }

    /** No rules: every event is decided to go nowhere. */
    static CompiledRules none(String version) {
        return new CompiledRules(version, null, new RuleFiles(Map.of()), List.of(), List.of());
    }

    /** The destinations the rule files name, with where. */
    List<DispatchTargets.Target> targets() {
        return targets;
    }

    public String version() {
        return version;
    }

    public RuleFiles files() {
        return files;
    }

    public List<String> ruleNames() {
        return ruleNames;
    }

    /** How sessions are made ready for the next decision, and why not cleared when they are reset. */
    String sessionReuse() {
        return sessions == null ? "none" : sessions.reuse();
    }

    /** Sessions made for clearing so far (tests). */
    int sessionsMade() {
        return sessions == null ? 0 : sessions.made();
    }

    /** Decides one event. A rule that throws makes a {@link Decision#failed() failed} decision, never an exception. */
    public Decision decide(PlatformEvent event) {
        if (sessions == null) {
            return new Decision(version, List.of(), List.of());
        }
        KieSession session = sessions.session(event.type());
        DecisionRecorder recorder = new DecisionRecorder();
        boolean completed = false;
        try {
            Decision decision = decideIn(session, event, version, recorder);
            completed = !decision.isFailed();
            return decision;
        } finally {
            sessions.giveBack(session, completed ? recorder.standing : null);
        }
    }

    /** Runs one event in a new session, then disposes of it: what a reused session must decide alike (tests). */
    static Decision decide(KieSession session, PlatformEvent event, String version) {
        try {
            return decideIn(session, event, version, new DecisionRecorder());
        } finally {
            session.dispose();
        }
    }

    /**
     * Runs one event in a session holding no facts; the session is left with the facts standing at the end (the
     * recorder lists them) and without the recorder's listeners.
     */
    private static Decision decideIn(KieSession session, PlatformEvent event, String version,
                                     DecisionRecorder recorder) {
        session.addEventListener((AgendaEventListener) recorder);
        session.addEventListener((RuleRuntimeEventListener) recorder);
        try {
            Facts.of(event).forEach(session::insert);
            if (session.fireAllRules(MAX_FIRINGS) >= MAX_FIRINGS) {
                // stopped, not finished: what was chosen so far is no decision
                return recorder.failed(version, new Decision.Failure(recorder.lastFired(), "rules fired " + MAX_FIRINGS
                        + " times for one event: rules that keep re-triggering each other (a modify or insert in a"
                        + " loop)"));
            }
            return recorder.decision(version);
        } catch (RuntimeException e) {
            return recorder.failed(version, failure(e));
        } finally {
            // a cleared session would keep its listeners: the clearing's deletes are no part of this decision
            session.removeEventListener((AgendaEventListener) recorder);
            session.removeEventListener((RuleRuntimeEventListener) recorder);
        }
    }

    /**
     * The rule that threw: Drools names it for a consequence, and in the message of a condition that failed
     * ({@code Error evaluating constraint '...' in [Rule "name" in file.drl]}); null when it named none.
     */
    private static Decision.Failure failure(RuntimeException e) {
        String rule = null;
        if (e instanceof ConsequenceException ce && ce.getMatch() != null) {
            rule = ce.getMatch().getRule().getName();
        } else {
            for (Throwable t = e; t != null && rule == null; t = t.getCause()) {
                Matcher named = RULE_IN_MESSAGE.matcher(String.valueOf(t.getMessage()));
                rule = named.find() ? named.group(1) : null;
            }
        }
        // the exception the rule's own code threw, not Drools' wrapper around it
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String error = describe(root) + (root == e || e instanceof ConsequenceException ? "" : " (" + describe(e) + ")");
        int max = Decision.Failure.MAX_DESCRIBED;
        return new Decision.Failure(rule, error.length() > max ? error.substring(0, max) + "..." : error);
    }

    private static String describe(Throwable t) {
        return t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}

package dev.umhub.rules;

import dev.umhub.event.PlatformEvent;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;
import org.kie.api.runtime.rule.FactHandle;

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
        Recorder recorder = new Recorder();
        boolean completed = false;
        try {
            Decision decision = decideIn(session, event, version, recorder);
            completed = decision.failure() == null;
            return decision;
        } finally {
            sessions.giveBack(session, completed ? recorder.standing : null);
        }
    }

    /** Runs one event in a new session, then disposes of it: what a reused session must decide alike (tests). */
    static Decision decide(KieSession session, PlatformEvent event, String version) {
        try {
            return decideIn(session, event, version, new Recorder());
        } finally {
            session.dispose();
        }
    }

    /**
     * Runs one event in a session holding no facts; the session is left with the facts standing at the end (the
     * recorder lists them) and without the recorder's listeners.
     */
    private static Decision decideIn(KieSession session, PlatformEvent event, String version, Recorder recorder) {
        session.addEventListener((AgendaEventListener) recorder);
        session.addEventListener((RuleRuntimeEventListener) recorder);
        try {
            Facts.of(event).forEach(session::insert);
            if (session.fireAllRules(MAX_FIRINGS) >= MAX_FIRINGS) {
                // stopped, not finished: what was chosen so far is no decision
                return Decision.failed(version, recorder.rulesFired(), List.copyOf(recorder.firings),
                        new Decision.Failure(recorder.lastFired(), "rules fired " + MAX_FIRINGS + " times for one"
                                + " event: rules that keep re-triggering each other (a modify or insert in a loop)"));
            }
            return recorder.decision(version);
        } catch (RuntimeException e) {
            return Decision.failed(version, recorder.rulesFired(), List.copyOf(recorder.firings), failure(e));
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

    /** Which rules fired with which facts, which rule inserted each dispatch and veto, and which retracted one. */
    private static final class Recorder extends DefaultAgendaEventListener implements RuleRuntimeEventListener {
        final List<Decision.Firing> firings = new ArrayList<>();
        /** By identity: two rules may insert equal dispatches, and each is its own fact. */
        final Map<Object, String> insertedBy = new IdentityHashMap<>();
        /** Dispatches and vetoes in the order inserted; a retracted one is removed from {@link #insertedBy} only. */
        final List<Object> inserted = new ArrayList<>();
        final List<Decision.Vetoed> retracted = new ArrayList<>();
        /** Every fact inserted and not deleted (the event's too): what clearing the session deletes. */
        final List<FactHandle> standing = new ArrayList<>();

        /** The rules that fired, each once, in the order they first fired. */
        List<String> rulesFired() {
            return firings.stream().map(Decision.Firing::rule).distinct().toList();
        }

        String lastFired() {
            return firings.isEmpty() ? null : firings.get(firings.size() - 1).rule();
        }

        @Override
        public void afterMatchFired(AfterMatchFiredEvent e) {
            String name = e.getMatch().getRule().getName();
            firings.add(new Decision.Firing(name, e.getMatch().getObjects()));
        }

        @Override
        public void objectInserted(ObjectInsertedEvent e) {
            standing.add(e.getFactHandle());
            Object o = e.getObject();
            if (o instanceof Dispatch || o instanceof Veto) {
                insertedBy.put(o, e.getRule() == null ? null : e.getRule().getName());
                inserted.add(o);
            }
        }

        @Override
        public void objectUpdated(ObjectUpdatedEvent e) {
        }

        @Override
        public void objectDeleted(ObjectDeletedEvent e) {
            standing.remove(e.getFactHandle());
            Object old = e.getOldObject();
            if (old instanceof Dispatch d) {
                String rule = e.getRule() == null ? null : e.getRule().getName();
                retracted.add(new Decision.Vetoed(d.destination(), d.action(), "dispatch retracted", rule));
            }
            if (old instanceof Dispatch || old instanceof Veto) {
                insertedBy.remove(old); // no longer standing
            }
        }

        /** The dispatches still standing, in the order they were inserted, less the vetoed destinations. */
        Decision decision(String version) {
            List<Decision.Vetoed> vetoes = new ArrayList<>(retracted);
            for (Object o : inserted) {
                if (o instanceof Veto v && insertedBy.containsKey(o) && v.destination() != null) {
                    vetoes.add(new Decision.Vetoed(v.destination(), null, v.reason(), insertedBy.get(o)));
                }
            }
            Set<String> vetoed = vetoes.stream().filter(v -> v.action() == null).map(Decision.Vetoed::destination)
                    .collect(Collectors.toSet());
            Map<String, Decision.ChosenDispatch> chosen = new LinkedHashMap<>();
            for (Object o : inserted) {
                if (o instanceof Dispatch d && insertedBy.containsKey(o) && d.destination() != null && d.action() != null
                        && !vetoed.contains(d.destination())) {
                    chosen.putIfAbsent(d.destination() + "\u0000" + d.action(),
                            new Decision.ChosenDispatch(d.destination(), d.action(), insertedBy.get(o)));
                }
            }
            return new Decision(version, rulesFired(), List.copyOf(chosen.values()), List.copyOf(firings),
                    List.copyOf(vetoes), null);
        }
    }
}

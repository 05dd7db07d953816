package dev.umhub.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.rule.FactHandle;

/**
 * Listens to one decision's session: which rules fired with which facts, which rule inserted each dispatch and veto,
 * and which retracted one; and the facts standing at the end, which clearing the session deletes.
 *
 * <p>Written for the decision's hot path (hundreds of thousands a second with few rules): short lists scanned instead
 * of maps and streams, as a decision has a handful of firings and dispatches. Rules that insert many (up to the
 * firing limit, when they re-trigger each other) switch the lookups by fact, rule name and dispatch to hashing past
 * {@value #SCANNED} entries.
 */
final class DecisionRecorder extends DefaultAgendaEventListener implements RuleRuntimeEventListener {

    /** Up to this many entries, finding one by scanning costs less than hashing. */
    private static final int SCANNED = 32;

    private final List<Decision.Firing> firings = new ArrayList<>();
    /**
     * Each insert of a dispatch or veto, in order: an object a rule deleted and inserted again is listed at each
     * insert, its entries sharing one {@link Standing} (the last rule that inserted it, and whether it still stands).
     */
    private final List<Inserted> inserted = new ArrayList<>(4);
    /** The entries' shared state by fact (identity: two rules may insert equal ones), once they are many. */
    private Map<Object, Standing> standingByFact;
    private List<Decision.Vetoed> retracted = List.of();
    /** Every fact inserted and not deleted (the event's too): what clearing the session deletes. */
    final List<FactHandle> standing = new ArrayList<>(16);

    private static final class Standing {
        String rule;
        boolean standing = true;
    }

    private record Inserted(Object fact, Standing state) {
    }

    /** The rules that fired, each once, in the order they first fired. */
    List<String> rulesFired() {
        if (firings.size() > SCANNED) {
            Set<String> names = new LinkedHashSet<>();
            firings.forEach(f -> names.add(f.rule()));
            return List.copyOf(names);
        }
        List<String> names = new ArrayList<>(firings.size());
        for (Decision.Firing f : firings) {
            if (!names.contains(f.rule())) {
                names.add(f.rule());
            }
        }
        return List.copyOf(names);
    }

    String lastFired() {
        return firings.isEmpty() ? null : firings.get(firings.size() - 1).rule();
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent e) {
        firings.add(new Decision.Firing(e.getMatch().getRule().getName(), e.getMatch().getObjects()));
    }

    @Override
    public void objectInserted(ObjectInsertedEvent e) {
        standing.add(e.getFactHandle());
        Object o = e.getObject();
        if (o instanceof Dispatch || o instanceof Veto) {
            Standing state = stateOf(o);
            if (state == null) {
                state = new Standing();
                if (standingByFact != null) {
                    standingByFact.put(o, state);
                }
            }
            state.rule = nameOf(e.getRule());
            state.standing = true;
            inserted.add(new Inserted(o, state));
            if (standingByFact == null && inserted.size() > SCANNED) {
                standingByFact = new IdentityHashMap<>();
                inserted.forEach(i -> standingByFact.put(i.fact(), i.state()));
            }
        }
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent e) {
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent e) {
        standing.remove(e.getFactHandle());
        Object old = e.getOldObject();
        if (old instanceof Dispatch || old instanceof Veto) {
            Standing state = stateOf(old);
            if (state != null) {
                state.standing = false;
            }
        }
        if (old instanceof Dispatch d) {
            if (retracted.isEmpty()) {
                retracted = new ArrayList<>(2);
            }
            retracted.add(new Decision.Vetoed(d.destination(), d.action(), "dispatch retracted", nameOf(e.getRule())));
        }
    }

    /** The rule whose consequence inserted or deleted the fact; null when umhub did (the event's facts, clearing). */
    private static String nameOf(Rule rule) {
        return rule == null ? null : rule.getName();
    }

    /** The shared state of a dispatch or veto inserted before, by identity; null for one not seen. */
    private Standing stateOf(Object fact) {
        if (standingByFact != null) {
            return standingByFact.get(fact);
        }
        for (int i = inserted.size() - 1; i >= 0; i--) {
            if (inserted.get(i).fact() == fact) {
                return inserted.get(i).state();
            }
        }
        return null;
    }

    /** The dispatches still standing, in the order they were inserted, less the vetoed destinations. */
    Decision decision(String version) {
        List<Decision.Vetoed> vetoes = new ArrayList<>(retracted);
        for (Inserted i : inserted) {
            if (i.state().standing && i.fact() instanceof Veto v && v.destination() != null) {
                vetoes.add(new Decision.Vetoed(v.destination(), null, v.reason(), i.state().rule));
            }
        }
        // a veto takes out its destination; a retracted dispatch only its own action, unless it named none
        Set<String> vetoed = vetoes.isEmpty() ? Set.of() : new HashSet<>();
        for (Decision.Vetoed v : vetoes) {
            if (v.action() == null) {
                vetoed.add(v.destination());
            }
        }
        List<Decision.ChosenDispatch> chosen = new ArrayList<>(inserted.size());
        Set<List<String>> seen = inserted.size() > SCANNED ? new HashSet<>() : null;
        for (Inserted i : inserted) {
            if (i.state().standing && i.fact() instanceof Dispatch d && d.destination() != null && d.action() != null
                    && !vetoed.contains(d.destination())
                    && (seen == null ? !chosen(chosen, d) : seen.add(List.of(d.destination(), d.action())))) {
                chosen.add(new Decision.ChosenDispatch(d.destination(), d.action(), i.state().rule));
            }
        }
        return new Decision(version, rulesFired(), List.copyOf(chosen), List.copyOf(firings), List.copyOf(vetoes),
                null);
    }

    /** The rules threw or did not finish: what fired so far, and nothing chosen. */
    Decision failed(String version, Decision.Failure failure) {
        return Decision.failed(version, rulesFired(), List.copyOf(firings), failure);
    }

    private static boolean chosen(List<Decision.ChosenDispatch> chosen, Dispatch d) {
        for (Decision.ChosenDispatch c : chosen) {
            if (c.destination().equals(d.destination()) && c.action().equals(d.action())) {
                return true;
            }
        }
        return false;
    }
}

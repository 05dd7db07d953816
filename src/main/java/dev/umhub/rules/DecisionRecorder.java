package dev.umhub.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
 * <p>Written for the decision's hot path (hundreds of thousands a second with many rules): plain lists scanned
 * instead of maps and streams, as a decision has a handful of firings and dispatches. Lists grown past
 * {@value #SCANNED} entries (rules re-triggering each other up to the firing limit) switch to sets.
 */
final class DecisionRecorder extends DefaultAgendaEventListener implements RuleRuntimeEventListener {

    /** Up to this many entries, finding one by scanning costs less than hashing. */
    private static final int SCANNED = 32;

    private final List<Decision.Firing> firings = new ArrayList<>();
    /** Dispatches and vetoes in the order inserted, each with its rule, and whether it still stands. */
    private final List<Inserted> inserted = new ArrayList<>(4);
    private List<Decision.Vetoed> retracted = List.of();
    /** Every fact inserted and not deleted (the event's too): what clearing the session deletes. */
    final List<FactHandle> standing = new ArrayList<>(16);

    /** A dispatch or veto a rule inserted (identity: two rules may insert equal ones, each is its own fact). */
    private static final class Inserted {
        final Object fact;
        final String rule;
        boolean standing = true;

        Inserted(Object fact, String rule) {
            this.fact = fact;
            this.rule = rule;
        }
    }

    List<Decision.Firing> firings() {
        return List.copyOf(firings);
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
            inserted.add(new Inserted(o, e.getRule() == null ? null : e.getRule().getName()));
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
            // the latest first: a rule mostly deletes what was just inserted
            for (int i = inserted.size() - 1; i >= 0; i--) {
                if (inserted.get(i).fact == old) {
                    inserted.get(i).standing = false;
                    break;
                }
            }
        }
        if (old instanceof Dispatch d) {
            if (retracted.isEmpty()) {
                retracted = new ArrayList<>(2);
            }
            String rule = e.getRule() == null ? null : e.getRule().getName();
            retracted.add(new Decision.Vetoed(d.destination(), d.action(), "dispatch retracted", rule));
        }
    }

    /** The dispatches still standing, in the order they were inserted, less the vetoed destinations. */
    Decision decision(String version) {
        List<Decision.Vetoed> vetoes = new ArrayList<>(retracted);
        for (Inserted i : inserted) {
            if (i.standing && i.fact instanceof Veto v && v.destination() != null) {
                vetoes.add(new Decision.Vetoed(v.destination(), null, v.reason(), i.rule));
            }
        }
        List<Decision.ChosenDispatch> chosen = new ArrayList<>(inserted.size());
        Set<String> seen = inserted.size() > SCANNED ? new HashSet<>() : null;
        for (Inserted i : inserted) {
            if (i.standing && i.fact instanceof Dispatch d && d.destination() != null && d.action() != null
                    && !vetoed(vetoes, d.destination())
                    && (seen == null ? !chosen(chosen, d) : seen.add(d.destination() + "\u0000" + d.action()))) {
                chosen.add(new Decision.ChosenDispatch(d.destination(), d.action(), i.rule));
            }
        }
        return new Decision(version, rulesFired(), List.copyOf(chosen), firings(), List.copyOf(vetoes), null);
    }

    /** Whether a veto (not a retracted dispatch, which takes out only its own action) names the destination. */
    private static boolean vetoed(List<Decision.Vetoed> vetoes, String destination) {
        for (Decision.Vetoed v : vetoes) {
            if (v.action() == null && destination.equals(v.destination())) {
                return true;
            }
        }
        return false;
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

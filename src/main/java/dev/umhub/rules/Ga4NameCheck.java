package dev.umhub.rules;

import dev.umhub.connector.ga4.Ga4EventNames;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses rules that name a GA4 event GA4 would silently drop ({@link Ga4EventNames}) when they load, with the file and
 * line of the name, instead of as dead letters once events come.
 */
final class Ga4NameCheck {

    static final String GA4 = "ga4";

    private Ga4NameCheck() {
    }

    /** Errors for the GA4 dispatches whose event name, a literal in the rules, GA4 would drop. */
    static List<RuleMessage> refused(List<DispatchTargets.Target> targets) {
        List<RuleMessage> out = new ArrayList<>();
        for (DispatchTargets.Target t : targets) {
            if (!GA4.equals(t.destination()) || t.action() == null) {
                continue; // an action computed at run time is left to the connector, which refuses it per event
            }
            Ga4EventNames.problem(t.action()).ifPresent(why -> out.add(new RuleMessage("ERROR", t.file(), t.actionLine(),
                    t.actionColumn(), "GA4 event name '" + t.action() + "' " + why + ": GA4 answers 2xx and silently"
                    + " drops such events (names: 1-40 letters, digits or _, starting with a letter; not reserved"
                    + " like session_start or error; no prefix _, firebase_, ga_, google_, gtag.)")));
        }
        return out;
    }

}

package dev.umhub.rules;

import dev.umhub.event.PlatformEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The facts rules see for one event: the event itself and each of its parts that is present, including the plan
 * and, for derived lifecycle events, the {@code Change} (from, to).
 */
final class Facts {

    private Facts() {
    }

    static List<Object> of(PlatformEvent event) {
        List<Object> facts = new ArrayList<>();
        facts.add(event);
        var d = event.data();
        for (Object part : new Object[] {d.customer(), d.membership(), d.payment(), d.site(), d.domain(), d.billing(),
                d.plan(), d.change()}) {
            if (part != null) {
                facts.add(part);
            }
        }
        return facts;
    }
}

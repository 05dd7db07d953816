package dev.umhub.connector;

import dev.umhub.event.PlatformEvent;

/** The plan name a CRM gets for an event, the same in every CRM connector. */
public final class PlanNames {

    private PlanNames() {
    }

    /**
     * The best plan name umhub has: the plan learnt from the platform's REST API, else the paid product names. Never
     * the membership's description: the platform fills it with the price ("$ 29.00 every month"), not a name.
     */
    public static String of(PlatformEvent event) {
        if (event.data().plan() != null && event.data().plan().name() != null) {
            return event.data().plan().name();
        }
        if (event.payment() != null && event.payment().productNames() != null) {
            return event.payment().productNames();
        }
        return null;
    }
}

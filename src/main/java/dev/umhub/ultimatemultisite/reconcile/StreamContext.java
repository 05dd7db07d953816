package dev.umhub.ultimatemultisite.reconcile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.store.SourceStateStore;
import dev.umhub.ultimatemultisite.UltimateMultisiteAdapter;
import dev.umhub.ultimatemultisite.enrich.PlanCatalog;
import dev.umhub.ultimatemultisite.lifecycle.EntityKind;
import dev.umhub.ultimatemultisite.lifecycle.LifecycleTracker;
import dev.umhub.ultimatemultisite.lifecycle.Observation;
import dev.umhub.ultimatemultisite.platform.PlatformRestClient;
import dev.umhub.ultimatemultisite.platform.PlatformRestProperties;
import java.time.Clock;
import java.time.Instant;

/** What every polled stream needs: the API, the options, the cursor store and the lifecycle tracker. */
record StreamContext(PlatformRestClient client, PlatformRestProperties properties, SourceStateStore cursors,
                     LifecycleTracker tracker, PlanCatalog plans, Clock clock) {

    static final String SOURCE = UltimateMultisiteAdapter.SOURCE;

    /** Hands one REST object to the tracker; during a baseline only changes inside the backfill window are emitted. */
    void observe(EntityKind kind, ObjectNode object, Instant asOf, boolean baseline, Instant changedAt) {
        Observation seen = RestObjects.observation(kind, object, asOf);
        if (seen == null) {
            return;
        }
        if (kind == EntityKind.MEMBERSHIP) {
            plans.learnFrom(object);
        }
        tracker.observe(seen, !baseline || inBackfill(changedAt), object.toString());
    }

    private boolean inBackfill(Instant changedAt) {
        return changedAt != null && !properties.getBackfill().isZero()
                && !changedAt.isBefore(clock.instant().minus(properties.getBackfill()));
    }
}

package dev.umhub.ultimatemultisite.lifecycle;

import dev.umhub.event.EventType;
import dev.umhub.ingest.IdempotencyKeys;
import dev.umhub.ultimatemultisite.UltimateMultisiteAdapter;
import java.util.List;

/**
 * Idempotency keys of derived events: the entity, the event type and what tells this change from an earlier one of
 * the same kind (the status episode number, "first" for things that happen once, the plan change's version).
 */
public final class LifecycleKeys {

    static final String FIRST = "first";

    private LifecycleKeys() {
    }

    public static String of(EntityKind kind, String id, EventType type, String discriminator) {
        return IdempotencyKeys.of(UltimateMultisiteAdapter.SOURCE, "lifecycle",
                List.of(kind.value(), id, type.value(), discriminator));
    }

    static String episode(int statusSeq) {
        return "#" + statusSeq;
    }
}

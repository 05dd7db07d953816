package dev.umhub.pipeline;

import dev.umhub.store.IntakeRecord;

/**
 * Turns a journaled message back into its canonical event, exactly as at the door (same adapter, same received time),
 * for the messages whose processing did not happen in the process that appended them (a restart, a reprocess).
 */
public interface IntakeReader {

    KeyedEvent normalise(IntakeRecord message);
}

package dev.umhub.pipeline;

import dev.umhub.event.PlatformEvent;
import dev.umhub.store.DurableCommits;
import dev.umhub.store.IntakeRecord;
import dev.umhub.store.IntakeStore;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * The durable point of intake: a message is appended to the journal, the append is made durable together with the
 * others committed at the same moment (group commit), and only then does the sender get its answer. All the heavy
 * work happens after, in batches ({@link IntakeProcessor}). A known idempotency key is a duplicate.
 */
@Component
public class IntakeJournal {

    private final IntakeStore store;
    private final DurableCommits durable;
    private final IntakeProcessor processor;

    public IntakeJournal(IntakeStore store, DurableCommits durable, IntakeProcessor processor) {
        this.store = store;
        this.durable = durable;
        this.processor = processor;
    }

    /**
     * A message for the rules to decide.
     *
     * @param receivedAt the time the normalised event was made with, kept so that it can be made again the same
     */
    public IngestResult append(String source, String origin, Instant receivedAt, KeyedEvent keyed, String body) {
        return append(source, origin, receivedAt, keyed, body, null, null, null);
    }

    /**
     * A message whose sender named the one destination it goes to, and the action, as {@code sender}: delivered there
     * without asking the rules.
     */
    public IngestResult append(String source, String origin, Instant receivedAt, KeyedEvent keyed, String body,
                               String destination, String action, String sender) {
        PlatformEvent e = keyed.event();
        IntakeRecord row = IntakeRecord.append(e.id(), keyed.idempotencyKey(), source, origin, e.type(), receivedAt,
                body, destination, action, sender);
        IngestResult result;
        // handed over before the append commits, so the processor never parses again what it could be given
        Handovers.Handed handed = processor.handovers().put(keyed, body);
        try {
            store.append(row);
            result = new IngestResult(e.id(), e.type(), false);
        } catch (DuplicateKeyException sameContentArrivedFirst) {
            processor.handovers().forget(handed);
            IntakeRecord first = store.findByKey(keyed.idempotencyKey()).orElseThrow(() -> sameContentArrivedFirst);
            result = new IngestResult(first.id(), first.type(), true);
        } catch (RuntimeException notAppended) {
            processor.handovers().forget(handed);
            throw notAppended;
        }
        // a duplicate too: its first copy may have committed a moment ago, still in memory
        durable.awaitDurable();
        if (!result.duplicate()) {
            processor.wake();
        }
        return result;
    }
}

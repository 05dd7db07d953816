package dev.umhub.pipeline;

import dev.umhub.event.PlatformEvent;
import dev.umhub.store.DurableCommits;
import dev.umhub.store.IntakeRecord;
import dev.umhub.store.IntakeRedoLog;
import dev.umhub.store.IntakeStore;
import dev.umhub.store.Json;
import java.time.Instant;
import java.util.Optional;
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
    private final IntakeRedoLog redoLog;
    private final DurableCommits durable;
    private final IntakeProcessor processor;
    private final Acceptance acceptance;
    private final Journal events;
    private final Json json;
    private final EventOutcomes outcomes;

    public IntakeJournal(IntakeStore store, IntakeRedoLog redoLog, DurableCommits durable, IntakeProcessor processor,
                         Acceptance acceptance, Journal events, Json json, EventOutcomes outcomes) {
        this.store = store;
        this.redoLog = redoLog;
        this.durable = durable;
        this.processor = processor;
        this.acceptance = acceptance;
        this.events = events;
        this.json = json;
        this.outcomes = outcomes;
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
        // another observation of a change already recorded (the webhook after the poll) is a duplicate of that change,
        // yet journaled all the same: processing merges in what it knows more, and the answer names those facts
        Optional<IngestResult> sameChange = destination == null ? knownChange(e) : Optional.empty();
        IngestResult result;
        boolean appended = false;
        // handed over before the append commits, so the processor never parses again what it could be given
        Handovers.Handed handed = processor.handovers().put(keyed, body.length());
        try {
            store.append(row);
            appended = true;
            result = sameChange.orElseGet(() -> new IngestResult(e.id(), e.type(), false));
        } catch (DuplicateKeyException sameContentArrivedFirst) {
            processor.handovers().forget(handed);
            IntakeRecord first = store.findByKey(keyed.idempotencyKey()).orElseThrow(() -> sameContentArrivedFirst);
            // the same payload again: answered with its own id, which GET /api/events/{id} resolves to the event
            result = new IngestResult(first.id(), first.type(), true);
            // counted here, as it is never journaled; another observation of a known change is, and is counted when
            // it is processed (EventPipeline)
            outcomes.duplicate(e);
        } catch (RuntimeException notAppended) {
            processor.handovers().forget(handed);
            throw notAppended;
        }
        if (appended) {
            redoLog.append(row);
        } else {
            // its first copy may have committed a moment ago, its own redo record not written yet
            durable.awaitDurable();
        }
        if (!result.duplicate() || sameChange.isPresent()) {
            processor.wake();
        }
        return result;
    }

    private Optional<IngestResult> knownChange(PlatformEvent later) {
        return acceptance.knownChange(later).flatMap(events::find).map(known -> new IngestResult(known.id(),
                known.type(), true, LateFacts.merge(known, json.mapper().valueToTree(later).path("data")).completed()));
    }
}

package dev.umhub.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.umhub.connector.Connector;
import dev.umhub.connector.DeliveryResult;
import dev.umhub.connector.Outcomes;
import dev.umhub.store.CustomerStore;
import dev.umhub.store.Delivery;
import dev.umhub.store.DeliveryAttempt;
import dev.umhub.store.DeliveryStatus;
import dev.umhub.store.DeliveryStore;
import dev.umhub.store.DurableCommits;
import dev.umhub.store.Json;
import dev.umhub.store.Store;
import dev.umhub.support.Chunks;
import dev.umhub.support.Secrets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records how an attempt ended for each delivery it carried: the attempt (with the request the route really sent), the
 * delivery's next step by its destination's retry policy, and any id the provider gave the customer. Fenced by this
 * instance's claim: an attempt whose lease was lost records nothing.
 */
public class AttemptRecorder {

    private static final Logger log = LoggerFactory.getLogger(AttemptRecorder.class);

    /**
     * Rows recorded per transaction. Measured in the outage scenario (a backlog of 3,000 retried in batches of 100):
     * one transaction per 100 rows dirtied so many store pages at once that the acknowledgements waiting for the next
     * store write saw a p99 of 409 ms; in chunks of 10 their writes interleave. Within a chunk the rows' updates and
     * attempts go as one JDBC batch each.
     */
    private static final int RECORD_CHUNK = 10;

    private final DeliveryStore store;
    private final CustomerStore customers;
    private final TransactionTemplate tx;
    private final DurableCommits durable;
    private final Json json;
    private final ApplicationEventPublisher events;
    private final AttemptOutcomes outcomes;

    public AttemptRecorder(DeliveryStore store, CustomerStore customers, Store storage, DurableCommits durable,
                           Json json, ApplicationEventPublisher events, AttemptOutcomes outcomes) {
        this.store = store;
        this.customers = customers;
        this.tx = storage.tx();
        this.durable = durable;
        this.json = json;
        this.events = events;
        this.outcomes = outcomes;
    }

    /** One delivery's part in a finished request. */
    private record Ended(Delivery row, DeliveryResult result, DestinationCalls.Call call, JsonNode sent, int batchSize) {
    }

    /** Records the attempts of finished requests of one destination, many rows per transaction. */
    void record(Connector connector, String owner, List<DeliveryAttempter.Sent> requests) {
        RetryPolicy policy = new RetryPolicy(connector.properties().getRetryBackoff(),
                connector.properties().getRetryJitter());
        List<Ended> ended = new ArrayList<>();
        for (DeliveryAttempter.Sent request : requests) {
            outcomes.called(connector.name(), request.call().took());
            JsonNode sent = request.call().sent() == null ? null : json.mapper().valueToTree(request.call().sent());
            for (int i = 0; i < request.rows().size(); i++) {
                ended.add(new Ended(request.rows().get(i), request.results().get(i), request.call(), sent,
                        request.rows().size()));
            }
        }
        for (List<Ended> chunk : Chunks.of(ended, RECORD_CHUNK)) {
            List<String> recorded;
            try {
                recorded = tx.execute(s -> recordChunk(connector, owner, chunk, policy));
            } catch (RuntimeException e) {
                // these rows stay claimed until their lease ends and are then sent again (at least once); the
                // chunks after this one are still recorded
                log.warn("{}: {} answers not recorded ({}); they are sent again when their claim ends",
                        connector.name(), chunk.size(), e.toString());
                continue;
            }
            // counted once committed: a chunk that is not is sent again, and counted then
            recorded.forEach(outcome -> outcomes.recorded(connector.name(), outcome));
        }
        // written within milliseconds, not H2's write delay: after a crash little more than what was in flight is sent
        // again (GA4 counts a re-sent event twice). Not waited for: the lane's next request need not wait for a write
        durable.flushSoon();
    }

    /** @return the outcome of each row recorded (those whose claim was still this owner's) */
    private List<String> recordChunk(Connector connector, String owner, List<Ended> chunk, RetryPolicy policy) {
        List<DeliveryStore.Finish> finishes = new ArrayList<>();
        List<Map.Entry<String, DeliveryAttempt>> attempts = new ArrayList<>();
        for (Ended e : chunk) {
            Delivery d = e.row();
            DestinationCalls.Call call = e.call();
            int attempt = d.attempts() + 1;
            Outcome outcome = outcome(e.result(), attempt, policy, call.ended());
            // an endpoint's error can quote its URL (Camel's HttpOperationFailedException does), and a webhook URL is
            // a secret: what is kept, shown by the admin API and logged is masked
            String summary = Secrets.mask(e.result().summary());
            boolean ok = outcome.status == DeliveryStatus.DELIVERED;
            String errorClass = ok ? null : e.result() instanceof DeliveryResult.Permanent && call.errorClass() == null
                    ? "permanent" : call.errorClass();
            String externalId = e.result() instanceof DeliveryResult.Delivered delivered ? delivered.externalId() : null;
            finishes.add(new DeliveryStore.Finish(d.id(), outcome.status, attempt, outcome.next, call.answer().status(),
                    ok ? null : summary, errorClass, externalId, call.ended()));
            attempts.add(Map.entry(d.id(), new DeliveryAttempt(attempt, call.started(), call.took().toMillis(),
                    outcome.label, call.answer().status(), errorClass, Outcomes.excerpt(summary), outcome.next,
                    e.sent())));
            logOutcome(connector, d, attempt, policy, outcome, summary, e.batchSize());
        }
        boolean[] mine = store.finishAll(finishes, owner);
        // the ids the chunk's customers have at this destination, read once: most answers repeat them
        Map<String, String> known = customers.externalIdsAt(connector.name(), java.util.stream.IntStream
                .range(0, chunk.size()).filter(i -> mine[i] && finishes.get(i).externalId() != null)
                .mapToObj(i -> chunk.get(i).row().customerId()).filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.toSet()));
        List<Map.Entry<String, DeliveryAttempt>> kept = new ArrayList<>();
        List<String> recorded = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            if (!mine[i]) {
                continue; // the lease was lost and someone else has the row: this late answer changes nothing
            }
            kept.add(attempts.get(i));
            recorded.add(attempts.get(i).getValue().outcome());
            DeliveryStore.Finish f = finishes.get(i);
            String customer = chunk.get(i).row().customerId();
            if (f.externalId() != null && customer != null
                    && customers.putExternalId(customer, connector.name(), f.externalId(), known.get(customer),
                    f.now())) {
                // in this transaction: what listeners plan for a new id (the CRM id write-back) commits with it
                events.publishEvent(new ExternalIdLearnt(customer, connector.name(), f.externalId(),
                        chunk.get(i).row().eventId()));
            }
        }
        store.addAttempts(kept);
        return recorded;
    }

    private record Outcome(DeliveryStatus status, Instant next, String label) {
    }

    private static Outcome outcome(DeliveryResult result, int attempt, RetryPolicy policy, Instant now) {
        if (result instanceof DeliveryResult.Delivered) {
            return new Outcome(DeliveryStatus.DELIVERED, null, "delivered");
        }
        if (result instanceof DeliveryResult.RetryLater retry) {
            Optional<Duration> wait = policy.nextDelay(attempt, retry.retryAfter(), ThreadLocalRandom.current());
            return wait.map(w -> new Outcome(DeliveryStatus.PENDING, now.plus(w), "retry"))
                    .orElseGet(() -> new Outcome(DeliveryStatus.DEAD, null, "exhausted"));
        }
        return new Outcome(DeliveryStatus.DEAD, null, "permanent");
    }

    private static void logOutcome(Connector c, Delivery d, int attempt, RetryPolicy policy, Outcome o,
                                   String summary, int batchSize) {
        if (o.status == DeliveryStatus.DELIVERED && !log.isDebugEnabled()) {
            return; // per delivery: counted, not logged
        }
        String where = c.name() + " delivery " + d.id() + " of event " + d.eventId() + ", attempt " + attempt + " of "
                + policy.maxAttempts() + (batchSize > 1 ? " (in a batch of " + batchSize + ")" : "");
        switch (o.status) {
            case DELIVERED -> log.debug("{}: delivered ({})", where, summary);
            case PENDING -> log.warn("{}: retry at {} ({})", where, o.next, summary);
            default -> log.error("{}: dead letter, {} ({})", where, o.label, summary);
        }
    }
}

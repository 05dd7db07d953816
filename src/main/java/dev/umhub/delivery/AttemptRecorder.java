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
import dev.umhub.support.Secrets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records how an attempt ended for each delivery it carried: the attempt (with the request the route really sent), the
 * delivery's next step by its destination's retry policy, and any id the provider gave the customer. Fenced by this
 * instance's claim: an attempt whose lease was lost records nothing.
 */
public class AttemptRecorder {

    private static final Logger log = LoggerFactory.getLogger(AttemptRecorder.class);

    /**
     * Rows of a batch recorded per transaction. Measured in the outage scenario (a backlog of 3,000 retried in batches
     * of 100): one transaction per batch dirtied so many store pages at once that the acknowledgements waiting for
     * the next store write saw a p99 of 409 ms; in chunks of 10 the writes interleave with theirs.
     */
    private static final int RECORD_CHUNK = 10;

    private final DeliveryStore store;
    private final CustomerStore customers;
    private final TransactionTemplate tx;
    private final DurableCommits durable;
    private final Json json;

    public AttemptRecorder(DeliveryStore store, CustomerStore customers, Store storage, DurableCommits durable,
                           Json json) {
        this.store = store;
        this.customers = customers;
        this.tx = storage.tx();
        this.durable = durable;
        this.json = json;
    }

    void record(Connector connector, String owner, List<Delivery> rows, List<DeliveryResult> results,
                DestinationCalls.Call call) {
        RetryPolicy policy = new RetryPolicy(connector.properties().getRetryBackoff(),
                connector.properties().getRetryJitter());
        JsonNode sent = call.sent() == null ? null : json.mapper().valueToTree(call.sent());
        for (int from = 0; from < rows.size(); from += RECORD_CHUNK) {
            int to = Math.min(rows.size(), from + RECORD_CHUNK);
            List<Delivery> chunk = rows.subList(from, to);
            List<DeliveryResult> chunkResults = results.subList(from, to);
            tx.executeWithoutResult(s -> {
                for (int i = 0; i < chunk.size(); i++) {
                    recordOne(connector, owner, chunk.get(i), chunkResults.get(i), call, sent, policy, rows.size());
                }
            });
        }
        // written within milliseconds, not H2's write delay: after a crash little more than what was in flight is sent
        // again (GA4 counts a re-sent event twice). Not waited for: the lane's next request need not wait for a write
        durable.flushSoon();
    }

    private void recordOne(Connector connector, String owner, Delivery d, DeliveryResult result,
                           DestinationCalls.Call call, JsonNode sent, RetryPolicy policy, int batchSize) {
        Instant ended = call.ended();
        int attempt = d.attempts() + 1;
        Outcome outcome = outcome(result, attempt, policy, ended);
        // an endpoint's error can quote its URL (Camel's HttpOperationFailedException does), and a webhook URL is a
        // secret: what is kept, shown by the admin API and logged is masked
        String summary = Secrets.mask(result.summary());
        boolean ok = outcome.status == DeliveryStatus.DELIVERED;
        String errorClass = ok ? null : result instanceof DeliveryResult.Permanent && call.errorClass() == null
                ? "permanent" : call.errorClass();
        DeliveryAttempt record = new DeliveryAttempt(attempt, call.started(), call.took().toMillis(), outcome.label,
                call.answer().status(), errorClass, Outcomes.excerpt(summary), outcome.next, sent);
        String externalId = result instanceof DeliveryResult.Delivered delivered ? delivered.externalId() : null;
        if (store.finish(d.id(), owner, outcome.status, attempt, outcome.next, call.answer().status(),
                ok ? null : summary, errorClass, externalId, ended)) {
            store.addAttempt(d.id(), record);
            if (externalId != null && d.customerId() != null) {
                customers.putExternalId(d.customerId(), connector.name(), externalId, ended);
            }
        }
        logOutcome(connector, d, attempt, policy, outcome, summary, batchSize);
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
        String where = c.name() + " delivery " + d.id() + " of event " + d.eventId() + ", attempt " + attempt + " of "
                + policy.maxAttempts() + (batchSize > 1 ? " (in a batch of " + batchSize + ")" : "");
        switch (o.status) {
            case DELIVERED -> log.debug("{}: delivered ({})", where, summary); // per delivery: counted, not logged
            case PENDING -> log.warn("{}: retry at {} ({})", where, o.next, summary);
            default -> log.error("{}: dead letter, {} ({})", where, o.label, summary);
        }
    }
}

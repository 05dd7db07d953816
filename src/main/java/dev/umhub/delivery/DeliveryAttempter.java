package dev.umhub.delivery;

import dev.umhub.autoconfigure.UmhubProperties;
import dev.umhub.connector.BatchingConnector;
import dev.umhub.connector.Connector;
import dev.umhub.connector.DeliveryResult;
import dev.umhub.connector.HttpAnswer;
import dev.umhub.connector.HttpStatusPolicy;
import dev.umhub.store.CustomerStore;
import dev.umhub.store.Delivery;
import dev.umhub.store.DeliveryAttempt;
import dev.umhub.store.DeliveryStatus;
import dev.umhub.store.DeliveryStore;
import dev.umhub.store.DurableCommits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes one attempt of claimed deliveries: sends the prepared body (or, for a batching destination, the bodies joined
 * in one request) through the destination's Camel route, lets the connector read the answer, and records each
 * delivery's attempt and next step (delivered, retry at, dead letter).
 */
@Component
public class DeliveryAttempter {

    private static final Logger log = LoggerFactory.getLogger(DeliveryAttempter.class);

    private final DeliveryStore store;
    private final CustomerStore customers;
    private final ProducerTemplate producer;
    private final TransactionTemplate tx;
    private final DurableCommits durable;
    private final Duration lease;
    private final Clock clock;

    public DeliveryAttempter(DeliveryStore store, CustomerStore customers, ProducerTemplate producer,
                             TransactionTemplate tx, DurableCommits durable, UmhubProperties properties, Clock clock) {
        this.store = store;
        this.customers = customers;
        this.producer = producer;
        this.tx = tx;
        this.durable = durable;
        this.lease = properties.getDelivery().getLease();
        this.clock = clock;
    }

    /** How an attempt ended, for the lane's circuit breaker and 429 pause. */
    public record Report(DeliveryResult result, Integer httpStatus, Duration took) {
    }

    /** @return the report, or empty when the row was gone (purged, or taken over after a lost lease) */
    public Optional<Report> attempt(Connector connector, String deliveryId, String owner) {
        return store.findRow(deliveryId).map(d -> attemptRow(connector, d, owner));
    }

    /** One delivery on its own, with the row already read. */
    private Report attemptRow(Connector connector, Delivery d, String owner) {
        Sent sent = send(connector, d.body(), d);
        DeliveryResult result = sent.failure != null ? sent.failure
                : connector.interpret(sent.answer);
        record(connector, owner, List.of(d), List.of(result), sent);
        return sent.report(result);
    }

    /**
     * Sends claimed deliveries of a batching destination in one request and records each one's own result. Rows
     * the connector cannot put in this request are released for the next. When the provider refuses the batch as a
     * whole for its content (a 400 caused by one bad contact), each member is sent again on its own, so one bad
     * delivery becomes one dead letter instead of taking its batch with it.
     *
     * @return the report of the combined request, or empty when no row was left to send
     */
    public Optional<Report> attemptBatch(BatchingConnector connector, List<String> deliveryIds, String owner) {
        List<Delivery> rows = store.findRows(deliveryIds);
        if (rows.size() <= 1) { // a claimed row is missing only if it was deleted: nothing to release
            return rows.stream().findFirst().map(d -> attemptRow(connector, d, owner));
        }
        BatchingConnector.Batch batch = connector.combine(rows.stream().map(Delivery::body).toList());
        List<Delivery> members = batch.members().stream().map(rows::get).toList();
        Set<Integer> taken = Set.copyOf(batch.members());
        for (int i = 0; i < rows.size(); i++) {
            if (!taken.contains(i)) {
                store.releaseClaim(rows.get(i).id(), owner); // left for the next request (e.g. the same email twice)
            }
        }
        if (members.size() <= 1) {
            return members.stream().findFirst().map(d -> attemptRow(connector, d, owner));
        }
        Sent sent = send(connector, batch.body(), null);
        List<String> bodies = members.stream().map(Delivery::body).toList();
        List<DeliveryResult> results = sent.failure != null ? bodies.stream().map(b -> sent.failure).toList()
                : connector.interpretBatch(sent.answer, bodies);
        if (refusedForContent(sent.httpStatus) && results.stream().allMatch(r -> r instanceof DeliveryResult.Permanent)) {
            log.warn("{} refused a batch of {} ({}); sending each on its own to find the one at fault", connector.name(),
                    members.size(), results.get(0).summary());
            for (Delivery m : members) {
                // one call after another can outlast the claims taken for one request: each starts a fresh lease
                Instant now = clock.instant();
                if (store.renewClaim(m.id(), owner, now.plus(lease))) {
                    attemptRow(connector, m, owner); // the row as read: the refused batch recorded nothing on it
                }
            }
            return Optional.of(sent.report(results.get(0)));
        }
        record(connector, owner, members, results, sent);
        return Optional.of(sent.report(results.stream().filter(r -> !(r instanceof DeliveryResult.Delivered))
                .findFirst().orElse(results.get(0))));
    }

    /** Statuses that blame the body, so possibly one member of a batch; auth or rate-limit refusals blame none. */
    private static boolean refusedForContent(Integer status) {
        return status != null && (status == 400 || status == 413 || status == 422);
    }

    /** One request through the destination's route: the provider's answer, or the transport failure. */
    private record Sent(Instant started, Instant ended, Integer httpStatus, HttpAnswer answer,
                        DeliveryResult failure, String errorClass) {
        Report report(DeliveryResult result) {
            return new Report(result, httpStatus, Duration.between(started, ended));
        }
    }

    /** @param single the delivery when the request carries one (its ids go along for the route), else null */
    private Sent send(Connector connector, String body, Delivery single) {
        Instant started = clock.instant();
        Exchange exchange = producer.send(connector.endpointUri(), ex -> {
            ex.getIn().setBody(body);
            if (single != null) {
                ex.setProperty("umhubDeliveryId", single.id());
                ex.setProperty("umhubEventId", single.eventId());
            }
        });
        Instant ended = clock.instant();
        if (exchange.getException() != null) {
            Throwable e = exchange.getException();
            // transport failures (refused, reset, timeout, route missing while reloading) are worth another try
            return new Sent(started, ended, null, null,
                    new DeliveryResult.RetryLater(e.getClass().getSimpleName() + ": " + e.getMessage(), null),
                    e.getClass().getName());
        }
        Integer httpStatus = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (httpStatus == null) {
            return new Sent(started, ended, null, null,
                    new DeliveryResult.Permanent("the destination route answered without an HTTP status"), "no_http_status");
        }
        HttpAnswer answer = new HttpAnswer(httpStatus, headers(exchange), exchange.getMessage().getBody(String.class));
        return new Sent(started, ended, httpStatus, answer, null, "http_" + httpStatus);
    }

    /**
     * Rows of a batch recorded per transaction. Measured in the outage scenario (a backlog of 3,000 retried in batches
     * of 100): one transaction per batch dirtied so many store pages at once that the acknowledgements waiting for
     * the next store write saw a p99 of 409 ms; in chunks of 10 the writes interleave with theirs.
     */
    private static final int RECORD_CHUNK = 10;

    /** Records each delivery's attempt and next step, fenced by this instance's claim. */
    private void record(Connector connector, String owner, List<Delivery> rows, List<DeliveryResult> results, Sent sent) {
        RetryPolicy policy = new RetryPolicy(connector.properties().getRetryBackoff(),
                connector.properties().getRetryJitter());
        for (int from = 0; from < rows.size(); from += RECORD_CHUNK) {
            recordChunk(connector, owner, rows, results, sent, policy, from, Math.min(rows.size(), from + RECORD_CHUNK));
        }
    }

    private void recordChunk(Connector connector, String owner, List<Delivery> rows, List<DeliveryResult> results,
                             Sent sent, RetryPolicy policy, int from, int to) {
        Instant ended = sent.ended;
        tx.executeWithoutResult(s -> {
            for (int i = from; i < to; i++) {
                Delivery d = rows.get(i);
                DeliveryResult result = results.get(i);
                int attempt = d.attempts() + 1;
                Outcome outcome = outcome(result, attempt, policy, ended);
                boolean ok = outcome.status == DeliveryStatus.DELIVERED;
                DeliveryAttempt record = new DeliveryAttempt(attempt, sent.started,
                        Duration.between(sent.started, ended).toMillis(), outcome.label, sent.httpStatus,
                        ok ? null : sent.errorClass, HttpStatusPolicy.excerpt(result.summary()), outcome.next);
                String externalId = result instanceof DeliveryResult.Delivered delivered ? delivered.externalId() : null;
                if (store.finish(d.id(), owner, outcome.status, attempt, outcome.next, sent.httpStatus,
                        ok ? null : result.summary(), ok ? null : record.errorClass(), externalId, ended)) {
                    store.addAttempt(d.id(), record);
                    if (externalId != null && d.customerId() != null) {
                        customers.putExternalId(d.customerId(), connector.name(), externalId, ended);
                    }
                }
                logOutcome(connector, d, attempt, policy, outcome, result, rows.size());
            }
        });
        // written within milliseconds, not H2's write delay: after a crash little more than what was in flight is sent
        // again (GA4 counts a re-sent event twice). Not waited for: the lane's next request need not wait for a write
        durable.flushSoon();
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
                                   DeliveryResult result, int batchSize) {
        String where = c.name() + " delivery " + d.id() + " of event " + d.eventId() + ", attempt " + attempt + " of "
                + policy.maxAttempts() + (batchSize > 1 ? " (in a batch of " + batchSize + ")" : "");
        switch (o.status) {
            case DELIVERED -> log.info("{}: delivered ({})", where, result.summary());
            case PENDING -> log.warn("{}: retry at {} ({})", where, o.next, result.summary());
            default -> log.error("{}: dead letter, {} ({})", where, o.label, result.summary());
        }
    }

    private static Map<String, String> headers(Exchange exchange) {
        Map<String, String> out = new LinkedHashMap<>();
        exchange.getMessage().getHeaders().forEach((k, v) -> {
            if (v != null && !k.startsWith("Camel") && !k.equalsIgnoreCase("Authorization")) {
                out.put(k, String.valueOf(v));
            }
        });
        return out;
    }
}

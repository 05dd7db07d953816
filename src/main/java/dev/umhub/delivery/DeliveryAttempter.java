package dev.umhub.delivery;

import dev.umhub.connector.Connector;
import dev.umhub.connector.DeliveryResult;
import dev.umhub.connector.HttpAnswer;
import dev.umhub.connector.HttpStatusPolicy;
import dev.umhub.store.CustomerStore;
import dev.umhub.store.Delivery;
import dev.umhub.store.DeliveryAttempt;
import dev.umhub.store.DeliveryStatus;
import dev.umhub.store.DeliveryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes one attempt of one claimed delivery: sends its prepared body through the destination's Camel route, lets
 * the connector read the answer, and records the attempt and the next step (delivered, retry at, dead letter).
 */
@Component
public class DeliveryAttempter {

    private static final Logger log = LoggerFactory.getLogger(DeliveryAttempter.class);

    private final DeliveryStore store;
    private final CustomerStore customers;
    private final ProducerTemplate producer;
    private final TransactionTemplate tx;
    private final Clock clock;

    public DeliveryAttempter(DeliveryStore store, CustomerStore customers, ProducerTemplate producer,
                             TransactionTemplate tx, Clock clock) {
        this.store = store;
        this.customers = customers;
        this.producer = producer;
        this.tx = tx;
        this.clock = clock;
    }

    /** How an attempt ended, for the lane's circuit breaker and 429 pause. */
    public record Report(DeliveryResult result, Integer httpStatus, Duration took) {
    }

    /** @return the report, or empty when the row was gone (purged, or taken over after a lost lease) */
    public Optional<Report> attempt(Connector connector, String deliveryId, String owner) {
        Optional<Delivery> found = store.findRow(deliveryId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Delivery d = found.get();
        RetryPolicy policy = new RetryPolicy(connector.properties().getRetryBackoff(),
                connector.properties().getRetryJitter());
        int attempt = d.attempts() + 1;
        Instant started = clock.instant();
        Exchange exchange = producer.send(connector.endpointUri(), ex -> {
            ex.getIn().setBody(d.body());
            ex.setProperty("umhubDeliveryId", d.id());
            ex.setProperty("umhubEventId", d.eventId());
        });
        Instant ended = clock.instant();
        Integer httpStatus = null;
        String errorClass;
        DeliveryResult result;
        if (exchange.getException() != null) {
            Throwable e = exchange.getException();
            errorClass = e.getClass().getName();
            // transport failures (refused, reset, timeout, route missing while reloading) are worth another try
            result = new DeliveryResult.RetryLater(e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        } else {
            httpStatus = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
            errorClass = httpStatus == null ? "no_http_status" : "http_" + httpStatus;
            if (httpStatus == null) {
                result = new DeliveryResult.Permanent("the destination route answered without an HTTP status");
            } else {
                result = connector.interpret(new HttpAnswer(httpStatus, headers(exchange),
                        exchange.getMessage().getBody(String.class)));
            }
        }
        Outcome outcome = outcome(result, attempt, policy, ended);
        DeliveryAttempt record = new DeliveryAttempt(attempt, started, Duration.between(started, ended).toMillis(),
                outcome.label, httpStatus, outcome.status == DeliveryStatus.DELIVERED ? null : errorClass,
                HttpStatusPolicy.excerpt(result.summary()), outcome.next);
        String externalId = result instanceof DeliveryResult.Delivered ok ? ok.externalId() : null;
        Integer status = httpStatus;
        tx.executeWithoutResult(s -> {
            boolean ok = outcome.status == DeliveryStatus.DELIVERED;
            if (store.finish(d.id(), owner, outcome.status, attempt, outcome.next, status,
                    ok ? null : result.summary(), ok ? null : record.errorClass(), externalId, ended)) {
                store.addAttempt(d.id(), record);
                if (externalId != null && d.customerId() != null) {
                    customers.putExternalId(d.customerId(), connector.name(), externalId, ended);
                }
            }
        });
        logOutcome(connector, d, attempt, policy, outcome, result);
        return Optional.of(new Report(result, httpStatus, Duration.between(started, ended)));
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
                                   DeliveryResult result) {
        String where = c.name() + " delivery " + d.id() + " of event " + d.eventId() + ", attempt " + attempt + " of "
                + policy.maxAttempts();
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

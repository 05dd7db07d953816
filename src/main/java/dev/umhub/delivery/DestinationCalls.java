package dev.umhub.delivery;

import dev.umhub.connector.Connector;
import dev.umhub.connector.DeliveryAnswer;
import dev.umhub.store.Delivery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;

/**
 * One send through a destination's Camel route: the body in, the route's answer out, whatever the route's transport.
 * The route gets the body, the idempotency key as the {@code Idempotency-Key} header (and, with the delivery and event
 * ids, as exchange properties), and answers with what its last call returned: an HTTP status and body, or an
 * exception.
 */
public final class DestinationCalls implements AutoCloseable {

    /** The headers a destination route starts with, besides Content-Type. */
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final ProducerTemplate producer;
    private final Clock clock;

    public DestinationCalls(ProducerTemplate producer, Clock clock) {
        this.producer = producer;
        this.clock = clock;
    }

    /**
     * A send and how it ended.
     *
     * @param sent the request the route really sent (method, masked URL and headers), or null when it called
     *             nothing outside Camel
     */
    record Call(Instant started, Instant ended, DeliveryAnswer answer, Map<String, Object> sent) {

        Duration took() {
            return Duration.between(started, ended);
        }

        /** {@code http_503}, the exception's class, or null when it went through. */
        String errorClass() {
            if (answer.failed()) {
                return answer.failure().getClass().getName();
            }
            return answer.status() == null ? null : "http_" + answer.status();
        }
    }

    /**
     * Hands the body to the destination's route without waiting for the answer: where the route's transport is
     * non-blocking (the shipped routes' {@code vertx-http}), the calling thread is free at once and the future
     * completes on the client's own thread when the provider answers; a blocking transport answers on the caller's
     * thread before this returns. Either way the future never completes exceptionally: a failure is in the call.
     *
     * @param single the delivery when the request carries one (its ids and key go along for the route), else null
     */
    CompletableFuture<Call> sendAsync(Connector connector, String body, Delivery single) {
        Instant started = clock.instant();
        CompletableFuture<Exchange> sent;
        try {
            sent = producer.asyncSend(connector.endpointUri(), ex -> {
                ex.setProperty(SentRequests.ATTEMPT, Boolean.TRUE);
                ex.getIn().setBody(body);
                ex.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
                if (single != null) {
                    ex.getIn().setHeader(IDEMPOTENCY_KEY, single.id());
                    ex.setProperty("umhubDeliveryId", single.id());
                    ex.setProperty("umhubEventId", single.eventId());
                    ex.setProperty("umhubIdempotencyKey", single.id());
                    if (single.customerId() != null) {
                        ex.setProperty("umhubCustomerId", single.customerId());
                    }
                }
            });
        } catch (RuntimeException notStarted) { // e.g. the route is gone between the claim and the send
            sent = CompletableFuture.failedFuture(notStarted);
        }
        return sent.handle((exchange, failure) -> failure != null
                ? new Call(started, clock.instant(), new DeliveryAnswer(null, Map.of(), null, unwrap(failure)), null)
                : call(started, exchange));
    }

    private Call call(Instant started, Exchange exchange) {
        Instant ended = clock.instant();
        @SuppressWarnings("unchecked")
        Map<String, Object> sent = exchange.getProperty(SentRequests.SENT, Map.class);
        if (exchange.getException() != null) {
            return new Call(started, ended, new DeliveryAnswer(null, headers(exchange), null, exchange.getException()),
                    sent);
        }
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        DeliveryAnswer answer = new DeliveryAnswer(status, headers(exchange), text(exchange.getMessage()), null);
        return new Call(started, ended, answer, sent);
    }

    /**
     * The answer's body as text. An empty body (a 204, every GA4 answer) is answered directly: Camel's type conversion
     * of null searches its converters by interface each time, about 3 % of what umhub allocated per event. Bytes go
     * through Camel, which decodes them in the charset the answer's Content-Type named.
     */
    static String text(Message answer) {
        Object body = answer.getBody();
        return body == null || body instanceof String ? (String) body : answer.getBody(String.class);
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    /** Stops the producer template (its cached producers) when umhub stops; Spring calls this on shutdown. */
    @Override
    public void close() {
        producer.stop();
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

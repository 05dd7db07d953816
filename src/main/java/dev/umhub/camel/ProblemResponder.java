package dev.umhub.camel;

import dev.umhub.ingest.IngestRejectedException;
import dev.umhub.ingest.Quarantine;
import dev.umhub.ingest.RawBody;
import dev.umhub.ingest.Refusals;
import dev.umhub.store.StoreTrouble;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.TypeConversionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the exception an HTTP source route caught into a problem+json answer. Used by the shared route
 * configuration {@code http-problems}; never puts a stack trace or an internal message in the answer.
 */
public class ProblemResponder implements Processor {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponder.class);
    private static final String UNREADABLE_BODY = "Unreadable body";
    private static final String STORE_UNAVAILABLE = "Store unavailable";
    private static final String INTERNAL_ERROR = "Internal error";

    private final HttpReplies replies;
    private final Quarantine quarantine;
    private final Refusals refusals;

    public ProblemResponder(HttpReplies replies, Quarantine quarantine, Refusals refusals) {
        this.replies = replies;
        this.quarantine = quarantine;
        this.refusals = refusals;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String route = exchange.getFromRouteId();
        // each refusal counted by its problem's title: a text of umhub's, never the message's
        if (e instanceof IngestRejectedException r) {
            keep(exchange, route, r.status(), r.detail());
            refusals.refused(r.title());
            replies.problem(exchange, r.status(), r.title(), r.detail());
        } else if (e instanceof TypeConversionException) {
            // Camel could not turn the request body into text: bytes that are not valid UTF-8, or a broken upload
            keep(exchange, route, 400, "unreadable body (" + e.getClass().getSimpleName() + ")");
            refusals.refused(UNREADABLE_BODY);
            replies.problem(exchange, 400, UNREADABLE_BODY, "The body could not be read as UTF-8 JSON text.");
        } else if (StoreTrouble.isStoreTrouble(e)) {
            log.error("Store unavailable on route {}: {}", route, StoreTrouble.describe(e));
            refusals.refused(STORE_UNAVAILABLE);
            replies.problem(exchange, 503, STORE_UNAVAILABLE,
                    "umhub could not store the event, so it did not accept it; send it again later.");
            exchange.getMessage().setHeader("Retry-After", StoreTrouble.RETRY_AFTER_SECONDS);
        } else {
            log.error("Unexpected failure on route {}", route, e);
            keep(exchange, route, 500, "unexpected " + (e == null ? "failure" : e.getClass().getName()));
            refusals.refused(INTERNAL_ERROR);
            replies.problem(exchange, 500, INTERNAL_ERROR,
                    "umhub failed unexpectedly and did not accept the message; see the server log.");
        }
    }

    /** Reads what is left of the body without failing again: the body itself may be what could not be read. */
    private void keep(Exchange exchange, String route, int status, String reason) {
        HttpServletRequest request = exchange.getIn().getHeader(Exchange.HTTP_SERVLET_REQUEST, HttpServletRequest.class);
        // the bytes as they came, when an HTTP source read them; Camel's body may have been decoded already
        byte[] body = RawBody.fromRequest(exchange);
        if (body == null) {
            try {
                body = exchange.getIn().getBody(byte[].class);
            } catch (RuntimeException unreadable) {
                body = null;
            }
        }
        long size = body == null ? 0 : body.length;
        if (request != null && request.getContentLengthLong() > size) {
            size = request.getContentLengthLong();
        }
        quarantine.keep(route, request, status, reason, body, size);
    }
}

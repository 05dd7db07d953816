package dev.umhub.camel;

import dev.umhub.store.Json;
import dev.umhub.web.Problems;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.http.MediaType;

/**
 * Writes HTTP answers from Camel routes. Every answer first drops the request's headers: platform-http would
 * otherwise echo them back, query parameters included, and the webhook token travels as one.
 */
public class HttpReplies {

    private final Json json;
    private final Problems problems;

    public HttpReplies(Json json, Problems problems) {
        this.json = json;
        this.problems = problems;
    }

    public void json(Exchange exchange, int status, Object body) {
        write(exchange, status, "application/json", json.write(body));
    }

    /** An RFC 9457 problem document. */
    public void problem(Exchange exchange, int status, String title, String detail) {
        write(exchange, status, MediaType.APPLICATION_PROBLEM_JSON_VALUE, problems.text(Problems.of(status, title, detail)));
    }

    private static void write(Exchange exchange, int status, String contentType, String body) {
        Message m = exchange.getMessage();
        m.removeHeaders("*");
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        m.setHeader(Exchange.CONTENT_TYPE, contentType);
        m.setBody(body);
    }
}

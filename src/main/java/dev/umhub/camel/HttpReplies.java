package dev.umhub.camel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * Writes HTTP answers from Camel routes. Every answer first drops the request's headers: platform-http would
 * otherwise echo them back, query parameters included, and the webhook token travels as one.
 */
@Component
public class HttpReplies {

    public static final String PROBLEM_JSON = "application/problem+json";

    private final ObjectMapper json;

    public HttpReplies(ObjectMapper json) {
        this.json = json;
    }

    public void json(Exchange exchange, int status, Object body) {
        write(exchange, status, "application/json", body);
    }

    /** An RFC 9457 problem document. */
    public void problem(Exchange exchange, int status, String title, String detail) {
        ObjectNode p = json.createObjectNode();
        p.put("type", "about:blank");
        p.put("title", title);
        p.put("status", status);
        p.put("detail", detail);
        write(exchange, status, PROBLEM_JSON, p);
    }

    private void write(Exchange exchange, int status, String contentType, Object body) {
        Message m = exchange.getMessage();
        m.removeHeaders("*");
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        m.setHeader(Exchange.CONTENT_TYPE, contentType);
        try {
            m.setBody(json.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

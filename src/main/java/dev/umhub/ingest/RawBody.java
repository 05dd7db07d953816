package dev.umhub.ingest;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;

/**
 * The body of a message as its bytes arrived. For HTTP sources that is what umhub's front door read and kept in a
 * request attribute (Camel's platform-http decodes request text leniently, turning invalid UTF-8 into replacement
 * characters); for other sources, Camel's body.
 */
public final class RawBody {

    /** The request attribute the front door keeps the body's bytes in. */
    public static final String ATTRIBUTE = RawBody.class.getName();

    private RawBody() {
    }

    public static byte[] of(Exchange exchange) {
        byte[] read = fromRequest(exchange);
        return read != null ? read : exchange.getIn().getBody(byte[].class);
    }

    /** The bytes the front door read for this exchange's HTTP request, or null when it is not an HTTP exchange. */
    public static byte[] fromRequest(Exchange exchange) {
        HttpServletRequest request = exchange.getIn().getHeader(Exchange.HTTP_SERVLET_REQUEST, HttpServletRequest.class);
        return request != null && request.getAttribute(ATTRIBUTE) instanceof byte[] b ? b : null;
    }
}

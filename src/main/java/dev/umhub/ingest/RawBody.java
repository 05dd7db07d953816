package dev.umhub.ingest;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;

/**
 * The body of a message as its bytes arrived. For HTTP sources that is the copy {@link BodyCaptureFilter} kept
 * (Camel's platform-http may already have decoded the text leniently); for other sources, Camel's body.
 */
public final class RawBody {

    private RawBody() {
    }

    public static byte[] of(Exchange exchange) {
        HttpServletRequest request = exchange.getIn().getHeader(Exchange.HTTP_SERVLET_REQUEST, HttpServletRequest.class);
        byte[] captured = request == null ? null : BodyCaptureFilter.captured(request);
        long declared = request == null ? -1 : request.getContentLengthLong();
        boolean complete = captured != null && (declared < 0 || captured.length == declared);
        return complete && captured.length > 0 ? captured : exchange.getIn().getBody(byte[].class);
    }
}

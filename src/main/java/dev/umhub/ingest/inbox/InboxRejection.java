package dev.umhub.ingest.inbox;

import dev.umhub.ingest.IngestRejectedException;
import dev.umhub.ingest.Quarantine;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Keeps a file the inbox refused (not JSON, an unknown slug, ...) in the quarantine, as every refused message is;
 * the file consumer then moves it to {@code .failed/}. Used by the route configuration {@code file-rejections}.
 */
public class InboxRejection implements Processor {

    private final Quarantine quarantine;

    public InboxRejection(Quarantine quarantine) {
        this.quarantine = quarantine;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        int status = e instanceof IngestRejectedException r ? r.status() : 400;
        String reason = e instanceof IngestRejectedException r ? r.detail() : String.valueOf(e);
        byte[] body;
        try {
            body = exchange.getIn().getBody(byte[].class);
        } catch (RuntimeException unreadable) {
            body = null;
        }
        quarantine.keep(exchange.getFromRouteId(), exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class),
                "file", null, status, reason, body, body == null ? 0 : body.length);
    }
}

package dev.umhub.ingest.inbox;

import dev.umhub.ingest.IngestRejectedException;
import dev.umhub.ingest.Quarantine;
import dev.umhub.ingest.Refusals;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Keeps a file the inbox refused (not JSON, an unknown slug, ...) in the quarantine, as every refused message is;
 * the file consumer then moves it to {@code .failed/}. Used by the route configuration {@code file-rejections}.
 */
public class InboxRejection implements Processor {

    /** What a refusal is counted as when it is no {@link IngestRejectedException}, which has a title of its own. */
    static final String UNREADABLE_FILE = "Unreadable file";

    private final Quarantine quarantine;
    private final Refusals refusals;

    public InboxRejection(Quarantine quarantine, Refusals refusals) {
        this.quarantine = quarantine;
        this.refusals = refusals;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        int status = e instanceof IngestRejectedException r ? r.status() : 400;
        String reason = e instanceof IngestRejectedException r ? r.detail() : String.valueOf(e);
        refusals.refused(e instanceof IngestRejectedException r ? r.title() : UNREADABLE_FILE);
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

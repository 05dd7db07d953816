package dev.umhub.camel;

import dev.umhub.ingest.Ingest;
import dev.umhub.ingest.RawBody;
import dev.umhub.pipeline.IngestResult;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code direct:ingest}: the one entry all source routes call, with the raw body and two headers,
 * {@code UmhubSource} (the format) and {@code UmhubOrigin} (the source's event name, e.g. the webhook slug).
 * It answers 202 with the ack. It has no error handler of its own: failures go back to the calling route,
 * which knows how to refuse (an HTTP problem, a file moved to .failed, a Kafka record not committed). Not a bean:
 * umhub adds it itself, so a host application's route collector settings cannot leave it out or add it twice.
 */
public class IngestRoute extends RouteBuilder {

    public static final String SOURCE = "UmhubSource";
    public static final String ORIGIN = "UmhubOrigin";
    /** Names the one destination the message goes to, without the rules (kamelet:umhub-destination-sink). */
    public static final String DESTINATION = "UmhubDestination";
    /** With {@link #DESTINATION}: the action the destination is asked for (default {@code deliver}). */
    public static final String ACTION = "UmhubAction";
    /** With {@link #DESTINATION}: who named it, kept as the delivery's reason (default: the calling route). */
    public static final String SENDER = "UmhubSender";

    private final Ingest ingest;
    private final HttpReplies replies;

    public IngestRoute(Ingest ingest, HttpReplies replies) {
        this.ingest = ingest;
        this.replies = replies;
    }

    @Override
    public void configure() {
        from("direct:ingest").routeId("ingest").errorHandler(noErrorHandler()).process(this::ingest);
    }

    private void ingest(Exchange exchange) {
        String source = exchange.getIn().getHeader(SOURCE, String.class);
        String origin = exchange.getIn().getHeader(ORIGIN, String.class);
        String destination = exchange.getIn().getHeader(DESTINATION, String.class);
        IngestResult result = destination == null || destination.isBlank()
                ? ingest.ingest(source, origin, RawBody.of(exchange))
                : ingest.ingestTo(source, origin, RawBody.of(exchange), destination.trim(),
                        exchange.getIn().getHeader(ACTION, "deliver", String.class),
                        exchange.getIn().getHeader(SENDER, "route " + exchange.getFromRouteId(), String.class));
        replies.json(exchange, 202, result);
    }
}

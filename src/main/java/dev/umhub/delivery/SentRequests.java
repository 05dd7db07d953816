package dev.umhub.delivery;

import dev.umhub.support.Secrets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.component.vertx.http.VertxHttpEndpoint;
import org.apache.camel.http.common.HttpCommonEndpoint;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.util.URISupport;

/**
 * Records, for each delivery attempt, the request its destination route really sent: the endpoint it called (with
 * the query the route added, as GA4's route adds its measurement id and secret), the method and the headers, every
 * secret masked. What umhub shows of an attempt is then what went out, whatever the route did to it, not what umhub
 * planned. Only exchanges of delivery attempts are looked at; routing-only endpoints ({@code direct:}, {@code log:},
 * ...) are not requests.
 */
public final class SentRequests extends EventNotifierSupport {

    /** Exchange property marking an attempt's exchange, and where the request sent is recorded. */
    static final String ATTEMPT = "umhubAttempt";
    static final String SENT = "umhubSentRequest";
    private static final Set<String> INTERNAL = Set.of("direct", "seda", "log", "kamelet", "bean", "class", "ref",
            "controlbus", "stub", "mock", "disruptor", "vm");

    public SentRequests() {
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeFailedEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeSentEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeSendingEvent sending
                && sending.getExchange().getProperty(ATTEMPT) != null;
    }

    @Override
    public void notify(CamelEvent event) {
        CamelEvent.ExchangeSendingEvent sending = (CamelEvent.ExchangeSendingEvent) event;
        String uri = sending.getEndpoint().getEndpointUri();
        int colon = uri.indexOf(':');
        if (colon < 0 || INTERNAL.contains(uri.substring(0, colon))) {
            return;
        }
        Exchange exchange = sending.getExchange();
        String query = exchange.getIn().getHeader(Exchange.HTTP_QUERY, String.class);
        // an HTTP endpoint's own URL, without Camel's options (throwExceptionOnFailure=...): what went on the wire
        // a route that names the URL per message (CamelHttpUri: Slack, webhook, Salesforce, Pipedrive) sent it there
        String perMessage = exchange.getIn().getHeader(Exchange.HTTP_URI, String.class);
        String url = perMessage != null && !perMessage.isBlank() ? perMessage
                : sending.getEndpoint() instanceof HttpCommonEndpoint http && http.getHttpUri() != null
                ? http.getHttpUri().toString()
                : sending.getEndpoint() instanceof VertxHttpEndpoint vertx
                        && vertx.getConfiguration().getHttpUri() != null
                        ? vertx.getConfiguration().getHttpUri().toString() : URISupport.sanitizeUri(uri);
        if (query != null && !query.isBlank()) {
            url += (url.contains("?") ? "&" : "?") + query;
        }
        Map<String, Object> sent = new LinkedHashMap<>();
        sent.put("method", exchange.getIn().getHeader(Exchange.HTTP_METHOD, "POST", String.class));
        sent.put("url", Secrets.mask(url));
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getIn().getHeaders().forEach((name, value) -> {
            if (value != null && !name.startsWith("Camel") && !name.startsWith("umhub")) {
                headers.put(name, Secrets.isSecretName(name) ? Secrets.MASK : Secrets.mask(String.valueOf(value)));
            }
        });
        sent.put("headers", headers);
        exchange.setProperty(SENT, sent);
    }
}

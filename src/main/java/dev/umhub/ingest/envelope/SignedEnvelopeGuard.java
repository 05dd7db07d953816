package dev.umhub.ingest.envelope;

import dev.umhub.ingest.RawBody;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Admits a signed envelope only when its Standard Webhooks signature verifies over the exact bytes received. The
 * {@code webhook-id} becomes the message's origin: it is the idempotency key, so a re-delivered message is a
 * duplicate.
 */
@Component("signedEnvelopeGuard")
public class SignedEnvelopeGuard implements Processor {

    private final StandardWebhooks verifier;

    public SignedEnvelopeGuard(EnvelopeProperties properties, Clock clock) {
        this.verifier = new StandardWebhooks(properties.getSigningSecret(), properties.getTolerance(), clock);
    }

    @Override
    public void process(Exchange exchange) {
        String id = exchange.getIn().getHeader("webhook-id", String.class);
        verifier.verify(id, exchange.getIn().getHeader("webhook-timestamp", String.class),
                exchange.getIn().getHeader("webhook-signature", String.class), RawBody.of(exchange));
        exchange.getIn().setHeader("UmhubOrigin", id.trim());
    }
}

package dev.umhub.connector.webhook;

import dev.umhub.ingest.envelope.StandardWebhooks;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Signs a webhook destination's message when it is sent, per Standard Webhooks: {@code webhook-id} (the delivery key,
 * the exchange property {@code umhubIdempotencyKey}), {@code webhook-timestamp} (now, in seconds: receivers refuse old
 * ones, so it cannot be fixed when the delivery is planned) and {@code webhook-signature}
 * ({@code v1,<base64 HMAC-SHA256 of id.timestamp.body>}). Without a secret the message goes unsigned.
 */
public class WebhookSigner implements Processor {

    private final WebhookProperties properties;
    private final Clock clock;

    public WebhookSigner(WebhookProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        String id = exchange.getProperty("umhubIdempotencyKey", String.class);
        long timestamp = clock.instant().getEpochSecond();
        exchange.getIn().setHeader("webhook-id", id);
        exchange.getIn().setHeader("webhook-timestamp", String.valueOf(timestamp));
        if (!properties.getSigningSecret().isBlank()) {
            byte[] body = exchange.getIn().getBody(String.class).getBytes(StandardCharsets.UTF_8);
            exchange.getIn().setHeader("webhook-signature",
                    StandardWebhooks.sign(properties.getSigningSecret(), id, timestamp, body));
        }
    }
}

package dev.umhub.connector.webhook;

import dev.umhub.connector.CustomerRecord;
import dev.umhub.connector.DeliveryAnswer;
import dev.umhub.connector.DeliveryResult;
import dev.umhub.connector.Outcomes;
import dev.umhub.connector.PreparedRequest;
import dev.umhub.connector.ProviderConnector;
import dev.umhub.connector.route.CanonicalDocument;
import dev.umhub.event.PlatformEvent;
import dev.umhub.store.Json;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Any HTTP endpoint: the canonical event as a CloudEvent in structured mode (what another umhub's {@code POST /events}
 * takes), with the delivery's own facts, signed per Standard Webhooks when sent ({@link WebhookSigner}:
 * {@code webhook-id} is the delivery key, the same on every retry, so the receiver can drop repeats). Answers are read
 * as every HTTP destination's: 2xx delivered, 408/425/429/5xx retried (Retry-After honoured), other 4xx permanent.
 */
@Component
public class WebhookConnector extends ProviderConnector<WebhookProperties> {

    public static final String NAME = "webhook";

    public WebhookConnector(WebhookProperties properties, Json json) {
        super(NAME, properties, json);
    }

    @Override
    public PreparedRequest prepare(PlatformEvent event, List<String> actions, CustomerRecord customer,
                                   String idempotencyKey) {
        String body = CanonicalDocument.of(json, event, NAME, actions, idempotencyKey, customer).toString();
        // the URL may carry its token in the path (chat and automation webhooks): the preview shows the host only
        String url = properties.getUrl().isBlank() ? "<not set>" : properties.getUrl().replaceFirst("(://[^/]+)/.*",
                "$1/****");
        return new PreparedRequest("POST", url, Map.of("Content-Type", "application/json", "webhook-id", idempotencyKey,
                "webhook-signature", properties.getSigningSecret().isBlank() ? "(unsigned)" : "v1,**** (when sent)"),
                body);
    }

    @Override
    public DeliveryResult interpret(DeliveryAnswer answer) {
        return Outcomes.standard(answer);
    }
}

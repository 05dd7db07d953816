package dev.umhub.connector.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.connector.CustomerRecord;
import dev.umhub.connector.DeliveryAnswer;
import dev.umhub.connector.DeliveryResult;
import dev.umhub.connector.Outcomes;
import dev.umhub.connector.PreparedRequest;
import dev.umhub.connector.ProviderConnector;
import dev.umhub.event.PlatformEvent;
import dev.umhub.store.Json;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Slack incoming webhook: one message per event the rules send with the action {@code alert} (churn, a failed
 * payment), saying what happened, to whom, on which plan and for how much. Slack answers {@code ok}, or a plain-text
 * error string with the status: those are permanent (the webhook must be fixed or made again) and the string is the
 * dead letter's reason; 429 waits for Retry-After, 5xx are retried. Slack has no dedup field: a retry after a lost
 * answer may post twice.
 */
@Component
public class SlackConnector extends ProviderConnector<SlackProperties> {

    public static final String NAME = "slack";

    public SlackConnector(SlackProperties properties, Json json) {
        super(NAME, properties, json);
    }

    @Override
    public PreparedRequest prepare(PlatformEvent event, List<String> actions, CustomerRecord customer,
                                   String idempotencyKey) {
        ObjectNode body = json.createObjectNode();
        String text = SlackMessages.text(event);
        body.put("text", text);
        body.putArray("blocks").addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
                .put("text", SlackMessages.markdown(event));
        // the webhook URL is the secret: the preview names the service only
        return new PreparedRequest("POST", properties.getBaseUrl() + "/services/****",
                Map.of("Content-Type", "application/json"), body.toString());
    }

    @Override
    public DeliveryResult interpret(DeliveryAnswer answer) {
        if (answer.status() != null && !answer.is2xx() && answer.status() >= 400 && answer.status() < 500
                && answer.status() != 429 && answer.status() != 408) {
            String error = answer.body().strip();
            return new DeliveryResult.Permanent("Slack: " + (error.isEmpty() ? "HTTP " + answer.status()
                    : Outcomes.excerpt(error)) + " (HTTP " + answer.status() + ")");
        }
        return Outcomes.standard(answer);
    }
}

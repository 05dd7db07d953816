package dev.umhub.connector.kafka;

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
import java.util.Set;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.springframework.stereotype.Component;

/**
 * Canonical events to a Kafka topic through camel-kafka ({@code routes/destinations/kafka.yaml}), keyed by the
 * customer id so one customer's events stay in order on one partition, with the delivery key in the record header
 * {@code umhub-idempotency-key} for consumers to drop repeats. The broker's acknowledgement (acks=all) is the
 * delivery; a broker that is down or slow is retried by the lane; what the broker can never take (a record too
 * large, a topic name it refuses, no authorisation) is a dead letter at once.
 */
@Component
public class KafkaConnector extends ProviderConnector<KafkaDestinationProperties> {

    public static final String NAME = "kafka";
    private static final Set<Class<? extends Throwable>> PERMANENT = Set.of(RecordTooLargeException.class,
            InvalidTopicException.class, AuthorizationException.class, SerializationException.class);

    public KafkaConnector(KafkaDestinationProperties properties, Json json) {
        super(NAME, properties, json);
    }

    @Override
    public PreparedRequest prepare(PlatformEvent event, List<String> actions, CustomerRecord customer,
                                   String idempotencyKey) {
        String key = event.customer() == null ? null : event.customer().id();
        return new PreparedRequest("SEND", "kafka:" + properties.getTopic(), key == null
                ? Map.of("umhub-idempotency-key", idempotencyKey)
                : Map.of("kafka.KEY", key, "umhub-idempotency-key", idempotencyKey),
                CanonicalDocument.of(json, event, NAME, actions, idempotencyKey, customer).toString());
    }

    @Override
    public DeliveryResult interpret(DeliveryAnswer answer) {
        for (Throwable t = answer.failure(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<? extends Throwable> permanent : PERMANENT) {
                if (permanent.isInstance(t)) {
                    return new DeliveryResult.Permanent(t.getClass().getSimpleName() + ": " + t.getMessage());
                }
            }
        }
        return Outcomes.standard(answer);
    }
}

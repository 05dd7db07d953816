package dev.umhub.ingest.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.event.EventData;
import dev.umhub.event.EventType;
import dev.umhub.event.PlatformEvent;
import dev.umhub.ingest.IdempotencyKeys;
import dev.umhub.ingest.IngestRejectedException;
import dev.umhub.ingest.SourceAdapter;
import dev.umhub.pipeline.KeyedEvent;
import dev.umhub.store.Json;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Canonical events sent as CloudEvents in structured mode ({@code specversion}, {@code id}, {@code source},
 * {@code type}, {@code subject}, {@code data}): the format for bridges, Kafka producers and any sender that already
 * speaks umhub's event model. {@code data} holds the same parts umhub's own events have (customer, membership,
 * payment, site, domain, billing). The origin is the message id (Standard Webhooks {@code webhook-id}), which is
 * the idempotency key.
 */
@Component
public class EnvelopeAdapter implements SourceAdapter {

    public static final String SOURCE = "envelope";
    private static final int MAX_ID = 200;
    private static final Set<String> TYPES = Arrays.stream(EventType.values()).map(EventType::value)
            .collect(Collectors.toUnmodifiableSet());

    private final ObjectMapper json;

    public EnvelopeAdapter(Json json) {
        this.json = json.mapper();
    }

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public Set<String> origins() {
        return Set.of("<webhook-id>");
    }

    @Override
    public boolean accepts(String origin) {
        return origin != null && !origin.isBlank() && origin.length() <= MAX_ID;
    }

    @Override
    public KeyedEvent normalise(String origin, ObjectNode body, Instant receivedAt) {
        if (!"1.0".equals(body.path("specversion").asText())) {
            throw bad("Not a CloudEvent", "specversion must be \"1.0\" (CloudEvents structured mode).");
        }
        String type = body.path("type").asText("");
        if (!TYPES.contains(type)) {
            throw bad("Unknown event type", "'" + type + "' is not a umhub event type; known: " + TYPES);
        }
        JsonNode data = body.path("data");
        if (!data.isObject()) {
            throw bad("No data", "data must be an object with the event's parts (customer, membership, payment, ...).");
        }
        EventData parts;
        try {
            parts = json.treeToValue(data, EventData.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw bad("Invalid data", "data does not match umhub's event parts: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw bad("Invalid data", "data does not match umhub's event parts.");
        }
        String key = SOURCE + ":" + origin.trim();
        String source = body.path("source").asText(SOURCE);
        String subject = body.hasNonNull("subject") ? body.path("subject").asText() : null;
        PlatformEvent event = new PlatformEvent(IdempotencyKeys.eventId(key), source, type, receivedAt, subject,
                body.path("id").asText(origin), false, parts);
        return new KeyedEvent(event, key);
    }

    private static IngestRejectedException bad(String title, String detail) {
        return new IngestRejectedException(400, title, detail);
    }
}

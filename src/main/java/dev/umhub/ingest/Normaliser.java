package dev.umhub.ingest;

import dev.umhub.event.PlatformEvent;
import dev.umhub.pipeline.IntakeReader;
import dev.umhub.pipeline.KeyedEvent;
import dev.umhub.store.IntakeRecord;
import dev.umhub.store.Json;
import dev.umhub.support.Sha256;
import dev.umhub.web.WebProperties;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Parses a message of a known source format and turns it into its canonical keyed event: at the door, where what
 * the sender must fix is refused, and again from the intake journal for a message processed after a restart.
 */
@Component
public class Normaliser implements IntakeReader {

    private final Map<String, SourceAdapter> adapters;
    private final JsonBodyReader reader;

    public Normaliser(List<SourceAdapter> adapters, WebProperties web, Json json) {
        this.adapters = adapters.stream().collect(Collectors.toMap(SourceAdapter::source, Function.identity()));
        this.reader = new JsonBodyReader(json.mapper(), web.getMaxBodyBytes());
    }

    /** A message read: its canonical event and the body as text, exactly as sent. */
    public record Normalised(KeyedEvent keyed, String text) {
    }

    /**
     * @param destination the one destination the sender named, or null: such a message is an event of its own, keyed
     *                    by its content and the destination, so the same payload arriving as a webhook is still
     *                    decided by the rules, and sent to two destinations it is delivered to both
     * @throws IngestRejectedException for anything the sender must fix (4xx)
     */
    public Normalised read(String source, String origin, byte[] body, Instant receivedAt, String destination) {
        SourceAdapter adapter = adapter(source, origin);
        JsonBodyReader.Read read = reader.readWithText(body);
        KeyedEvent keyed = adapter.normalise(origin, read.object(), receivedAt);
        return new Normalised(destination == null ? keyed : sentTo(keyed, destination), read.text());
    }

    @Override
    public KeyedEvent normalise(IntakeRecord message) {
        return read(message.source(), message.origin(), message.body().getBytes(StandardCharsets.UTF_8),
                message.receivedAt(), message.destination()).keyed();
    }

    /** The parsed body alone, for evaluations that store nothing. */
    public PlatformEvent preview(String source, String origin, byte[] body, Instant at) {
        return read(source, origin, body, at, null).keyed().event();
    }

    private static KeyedEvent sentTo(KeyedEvent keyed, String destination) {
        String key = Sha256.hex(keyed.idempotencyKey() + "\nsent to " + destination);
        PlatformEvent e = keyed.event();
        return new KeyedEvent(new PlatformEvent(IdempotencyKeys.eventId(key), e.source(), e.type(), e.time(),
                e.subject(), e.origin(), e.test(), e.data()), key);
    }

    private SourceAdapter adapter(String source, String origin) {
        SourceAdapter adapter = adapters.get(source);
        if (adapter == null) {
            throw new IngestRejectedException(400, "Unknown source format",
                    "'" + source + "' is not a source format umhub knows; known: " + adapters.keySet());
        }
        if (!adapter.accepts(origin)) {
            throw new IngestRejectedException(404, "Unknown event slug",
                    "'" + origin + "' is not a " + source + " event; known: " + adapter.origins());
        }
        return adapter;
    }
}

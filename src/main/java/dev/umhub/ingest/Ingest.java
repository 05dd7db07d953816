package dev.umhub.ingest;

import dev.umhub.event.PlatformEvent;
import dev.umhub.pipeline.Acceptance;
import dev.umhub.pipeline.DeliveryPlanner;
import dev.umhub.pipeline.EventPipeline;
import dev.umhub.pipeline.IngestResult;
import dev.umhub.pipeline.KeyedEvent;
import dev.umhub.rules.Decision;
import dev.umhub.rules.KnownDestinations;
import dev.umhub.rules.RuleEngine;
import dev.umhub.store.DurableCommits;
import dev.umhub.store.Json;
import dev.umhub.support.Sha256;
import dev.umhub.web.WebProperties;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * The one entry every source route hands its raw messages to: parse, normalise, then accept (decide, journal).
 * The answer comes only after the event, its decision and its outbox rows are committed together and written to
 * the store, so an acknowledged event cannot be lost and is delivered even if umhub stops right after answering.
 */
@Service
public class Ingest {

    private final Map<String, SourceAdapter> adapters;
    private final JsonBodyReader reader;
    private final RuleEngine rules;
    private final DeliveryPlanner planner;
    private final Acceptance acceptance;
    private final EventPipeline pipeline;
    private final KnownDestinations destinations;
    private final DurableCommits durable;
    private final Clock clock;

    public Ingest(List<SourceAdapter> adapters, WebProperties web, Json json,
                  RuleEngine rules, DeliveryPlanner planner, Acceptance acceptance, EventPipeline pipeline,
                  KnownDestinations destinations, DurableCommits durable, Clock clock) {
        this.adapters = adapters.stream().collect(Collectors.toMap(SourceAdapter::source, Function.identity()));
        this.reader = new JsonBodyReader(json.mapper(), web.getMaxBodyBytes());
        this.rules = rules;
        this.planner = planner;
        this.acceptance = acceptance;
        this.pipeline = pipeline;
        this.destinations = destinations;
        this.durable = durable;
        this.clock = clock;
    }

    /**
     * @param source the format, e.g. {@code ultimate-multisite}
     * @param origin the source's event name (the webhook slug)
     * @throws IngestRejectedException for anything the sender must fix (4xx)
     */
    public IngestResult ingest(String source, String origin, byte[] body) {
        SourceAdapter adapter = adapter(source, origin);
        JsonBodyReader.Read read = reader.readWithText(body);
        KeyedEvent normalised = adapter.normalise(origin, read.object(), clock.instant());
        IngestResult result = acceptance.accept(normalised, read.text());
        durable.awaitDurable(); // a duplicate too: its first copy may have committed a moment ago, still in memory
        return result;
    }

    /**
     * A message whose sender names the one destination it goes to ({@code kamelet:umhub-destination-sink}): journaled
     * and delivered there with everything a delivery gets (outbox, retries, dead letters, replay), without asking the
     * rules. It is an event of its own, keyed by its content and the destination, so the same payload arriving as a
     * webhook is still decided by the rules, and sent to two destinations it is delivered to both.
     *
     * @param sender who named the destination (a route), kept as the reason for the delivery
     * @throws IngestRejectedException for an unknown destination, and for anything {@link #ingest} refuses
     */
    public IngestResult ingestTo(String source, String origin, byte[] body, String destination, String action,
                                 String sender) {
        if (!destinations.names().contains(destination)) {
            throw new IngestRejectedException(400, "Unknown destination", "There is no destination named '"
                    + destination + "'; known: " + destinations.names() + ".");
        }
        SourceAdapter adapter = adapter(source, origin);
        JsonBodyReader.Read read = reader.readWithText(body);
        KeyedEvent keyed = adapter.normalise(origin, read.object(), clock.instant());
        String key = Sha256.hex(keyed.idempotencyKey() + "\nsent to " + destination);
        PlatformEvent e = keyed.event();
        PlatformEvent sent = new PlatformEvent(IdempotencyKeys.eventId(key), e.source(), e.type(), e.time(),
                e.subject(), e.origin(), e.test(), e.data());
        IngestResult result = pipeline.acceptAsChosen(new KeyedEvent(sent, key), read.text(),
                Decision.chosenBySender(destination, action, sender));
        durable.awaitDurable();
        return result;
    }

    /** Evaluates without storing or sending anything: the rules that fire and the requests destinations would get. */
    public DeliveryPlanner.Preview evaluate(String source, String origin, byte[] body) {
        SourceAdapter adapter = adapter(source, origin);
        PlatformEvent event = adapter.normalise(origin, reader.read(body), clock.instant()).event();
        return planner.preview(event, rules.decide(event));
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

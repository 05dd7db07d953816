package dev.umhub.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.autoconfigure.UmhubProperties;
import dev.umhub.delivery.DeliveryLanes;
import dev.umhub.delivery.DeliveryPlanner;
import dev.umhub.event.PlatformEvent;
import dev.umhub.rules.Decision;
import dev.umhub.rules.RuleEngine;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The one entry every source route hands its raw messages to: parse, normalise, decide, journal, then answer.
 * The answer comes only after the event, its decision and its outbox rows are committed together, so an
 * acknowledged event cannot be lost and is delivered even if umhub stops right after answering.
 */
@Service
public class Ingest {

    private static final Logger log = LoggerFactory.getLogger(Ingest.class);

    private final Map<String, SourceAdapter> adapters;
    private final JsonBodyReader reader;
    private final RuleEngine rules;
    private final DeliveryPlanner planner;
    private final Journal journal;
    private final DeliveryLanes lanes;
    private final Clock clock;

    public Ingest(List<SourceAdapter> adapters, UmhubProperties properties, com.fasterxml.jackson.databind.ObjectMapper json,
                  RuleEngine rules, DeliveryPlanner planner, Journal journal, DeliveryLanes lanes, Clock clock) {
        this.adapters = adapters.stream().collect(Collectors.toMap(SourceAdapter::source, Function.identity()));
        this.reader = new JsonBodyReader(json, properties.getSources().getUltimateMultisite().getMaxBodyBytes());
        this.rules = rules;
        this.planner = planner;
        this.journal = journal;
        this.lanes = lanes;
        this.clock = clock;
    }

    public JsonBodyReader reader() {
        return reader;
    }

    /**
     * @param source the format, e.g. {@code ultimate-multisite}
     * @param origin the source's event name (the webhook slug)
     * @throws IngestRejectedException for anything the sender must fix (4xx)
     */
    public IngestResult ingest(String source, String origin, byte[] body) {
        SourceAdapter adapter = adapter(source, origin);
        ObjectNode object = reader.read(body);
        SourceAdapter.Normalised normalised = adapter.normalise(origin, object, clock.instant());
        PlatformEvent event = normalised.event();
        var known = journal.find(event.id());
        if (known.isPresent()) {
            return new IngestResult(known.get().id(), known.get().type(), true);
        }
        Decision decision = rules.decide(event);
        DeliveryPlanner.Plan plan = planner.plan(event, decision);
        IngestResult result = journal.record(normalised, new String(body, StandardCharsets.UTF_8), decision, plan);
        if (!result.duplicate()) {
            log.info("Accepted {} {} ({}{}) rules fired: {}; deliveries: {}", event.type(), event.id(), origin,
                    event.test() ? ", platform test event" : "", decision.rulesFired(), plan.summary());
            lanes.wake(plan.destinations());
        }
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
        if (origin == null || !adapter.origins().contains(origin)) {
            throw new IngestRejectedException(404, "Unknown event slug",
                    "'" + origin + "' is not a " + source + " event; known: " + adapter.origins());
        }
        return adapter;
    }
}

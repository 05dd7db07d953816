package dev.umhub.ingest;

import dev.umhub.event.PlatformEvent;
import dev.umhub.pipeline.DeliveryPlanner;
import dev.umhub.pipeline.IngestResult;
import dev.umhub.pipeline.IntakeJournal;
import dev.umhub.rules.KnownDestinations;
import dev.umhub.rules.RuleEngine;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Service;

/**
 * The one entry every source route hands its raw messages to: parse and normalise (what the sender must fix is
 * refused here), then append to the intake journal. The answer comes once the append is written to the store, so an
 * acknowledged message cannot be lost; deciding and planning its deliveries happen right after, in batches.
 */
@Service
public class Ingest {

    private final Normaliser normaliser;
    private final IntakeJournal journal;
    private final RuleEngine rules;
    private final DeliveryPlanner planner;
    private final KnownDestinations destinations;
    private final Clock clock;

    public Ingest(Normaliser normaliser, IntakeJournal journal, RuleEngine rules, DeliveryPlanner planner,
                  KnownDestinations destinations, Clock clock) {
        this.normaliser = normaliser;
        this.journal = journal;
        this.rules = rules;
        this.planner = planner;
        this.destinations = destinations;
        this.clock = clock;
    }

    /**
     * @param source the format, e.g. {@code ultimate-multisite}
     * @param origin the source's event name (the webhook slug)
     * @throws IngestRejectedException for anything the sender must fix (4xx)
     */
    public IngestResult ingest(String source, String origin, byte[] body) {
        Instant now = clock.instant();
        Normaliser.Normalised read = normaliser.read(source, origin, body, now, null);
        return journal.append(source, origin, now, read.keyed(), read.text());
    }

    /**
     * A message whose sender names the one destination it goes to ({@code kamelet:umhub-destination-sink}): journaled
     * and delivered there with everything a delivery gets (outbox, retries, dead letters, replay), without asking the
     * rules. It is an event of its own, keyed by its content and the destination.
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
        Instant now = clock.instant();
        Normaliser.Normalised read = normaliser.read(source, origin, body, now, destination);
        return journal.append(source, origin, now, read.keyed(), read.text(), destination, action, sender);
    }

    /** Evaluates without storing or sending anything: the rules that fire and the requests destinations would get. */
    public DeliveryPlanner.Preview evaluate(String source, String origin, byte[] body) {
        PlatformEvent event = normaliser.preview(source, origin, body, clock.instant());
        return planner.preview(event, rules.decide(event));
    }
}
